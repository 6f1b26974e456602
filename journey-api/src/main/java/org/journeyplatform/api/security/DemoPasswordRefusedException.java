package org.journeyplatform.api.security;

/** A built-in account still has its published demo password where demo passwords are refused. */
public class DemoPasswordRefusedException extends IllegalStateException {

    public DemoPasswordRefusedException(String username) {
        super("Account '" + username + "' still has its published demo password; set its JOURNEY_*_PASSWORD (or "
                + "remove the account) before running in production.");
    }
}
