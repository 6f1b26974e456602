package org.journeyplatform.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in throttling ({@code journey.security.login-throttle}, docs/operations.md "Sign-in throttling"). Failed
 * sign-ins are counted within {@code window} per account and address pair, per address (across accounts) and per
 * account (across addresses); a count that reaches its threshold refuses further sign-ins of that pair, address or
 * account for its lock-out.
 *
 * @param enabled         false: no throttling at all
 * @param window          failures older than this are forgotten
 * @param pairFailures    failures of one account from one address before that pair is locked out
 * @param pairLockout     how long a pair is locked out
 * @param addressFailures failures from one address, whatever the accounts, before the address is locked out
 * @param addressLockout  how long an address is locked out
 * @param accountFailures failures of one account, whatever the addresses, before the account is locked out
 * @param accountLockout  how long an account is locked out: short, at most {@link #MAX_ACCOUNT_LOCKOUT}, so that
 *                        nobody can keep a real user out for long by failing in her name
 */
@ConfigurationProperties("journey.security.login-throttle")
public record LoginThrottleProperties(
        Boolean enabled,
        Duration window,
        Integer pairFailures,
        Duration pairLockout,
        Integer addressFailures,
        Duration addressLockout,
        Integer accountFailures,
        Duration accountLockout) {

    /** The longest an account can be locked out, whatever is configured. */
    public static final Duration MAX_ACCOUNT_LOCKOUT = Duration.ofMinutes(5);

    public LoginThrottleProperties {
        enabled = enabled == null || enabled;
        window = positive(window, Duration.ofMinutes(15), "window");
        pairFailures = atLeastOne(pairFailures, 5, "pair-failures");
        pairLockout = positive(pairLockout, Duration.ofMinutes(5), "pair-lockout");
        addressFailures = atLeastOne(addressFailures, 20, "address-failures");
        addressLockout = positive(addressLockout, Duration.ofMinutes(15), "address-lockout");
        accountFailures = atLeastOne(accountFailures, 10, "account-failures");
        accountLockout = positive(accountLockout, Duration.ofMinutes(1), "account-lockout");
        if (accountLockout.compareTo(MAX_ACCOUNT_LOCKOUT) > 0) {
            throw new IllegalArgumentException("journey.security.login-throttle.account-lockout may be at most "
                    + MAX_ACCOUNT_LOCKOUT + ": a longer one would let anyone keep a real user out");
        }
    }

    private static Duration positive(Duration value, Duration otherwise, String name) {
        Duration duration = value == null ? otherwise : value;
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("journey.security.login-throttle." + name + " must be positive");
        }
        return duration;
    }

    private static int atLeastOne(Integer value, int otherwise, String name) {
        int count = value == null ? otherwise : value;
        if (count < 1) {
            throw new IllegalArgumentException("journey.security.login-throttle." + name + " must be at least 1");
        }
        return count;
    }
}
