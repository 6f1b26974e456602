package org.journeyplatform.api.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking its password: too many failures; {@code retryAfter} says when to try again. */
public class LoginThrottledException extends AuthenticationException {

    private final transient Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until a sign-in may be tried again, at least 1 (for Retry-After). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
