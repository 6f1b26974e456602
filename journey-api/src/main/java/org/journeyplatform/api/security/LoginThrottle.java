package org.journeyplatform.api.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed sign-ins and refuses sign-ins after too many (finding 8 of issue 15). Three counts, each with its own
 * threshold and lock-out ({@link LoginThrottleProperties}):
 * <ul>
 *   <li>per account and address pair, strictly: someone guessing one account's password from one place;</li>
 *   <li>per address, across accounts: someone trying many accounts from one place;</li>
 *   <li>per account, across addresses, with a short lock-out capped at five minutes: guessing from many places, without
 *   letting anyone keep the real user out for long.</li>
 * </ul>
 * A successful sign-in clears its pair's count (not the address's or the account's: signing in to one's own account
 * must not wipe the count of guesses at others'). The counts live in this instance's memory. Nothing here logs a
 * username, an address or a password: log lines name the kind of count and a short reference, a keyed hash that only
 * links lines of the same process.
 */
public class LoginThrottle {

    /** The three kinds of count, as named in metrics and logs. */
    enum Scope {
        PAIR,
        ADDRESS,
        ACCOUNT
    }

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_ENTRIES = 200_000;

    private final LoginThrottleProperties properties;
    private final LongSupplier nanoTime;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final Map<Scope, Counter> lockouts = new java.util.EnumMap<>(Scope.class);
    private final Map<Scope, Counter> refused = new java.util.EnumMap<>(Scope.class);
    private final Counter failures;
    private final Counter successes;
    private final byte[] referenceKey = new byte[32];

    public LoginThrottle(LoginThrottleProperties properties, MeterRegistry registry) {
        this(properties, registry, System::nanoTime);
    }

    LoginThrottle(LoginThrottleProperties properties, MeterRegistry registry, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
        new SecureRandom().nextBytes(referenceKey);
        failures = Counter.builder("journey.login.failures")
                .description("Sign-ins refused for a wrong password, an unknown or a disabled account")
                .register(registry);
        successes = Counter.builder("journey.login.successes")
                .description("Sign-ins with a password that succeeded")
                .register(registry);
        for (Scope scope : Scope.values()) {
            String tag = scope.name().toLowerCase(Locale.ROOT);
            lockouts.put(
                    scope,
                    Counter.builder("journey.login.lockouts")
                            .tag("scope", tag)
                            .description("Lock-outs begun after too many failed sign-ins")
                            .register(registry));
            refused.put(
                    scope,
                    Counter.builder("journey.login.throttled")
                            .tag("scope", tag)
                            .description("Sign-ins refused (429) during a lock-out, without checking the password")
                            .register(registry));
        }
    }

    /** Refuses the sign-in when its pair, address or account is locked out: how long until it may be tried again. */
    public Optional<Duration> check(String username, String address) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        long longest = 0;
        Scope by = null;
        for (Scope scope : Scope.values()) {
            Count count = counts.get(key(scope, username, address));
            long left = count == null ? 0 : count.lockedFor(now);
            if (left > longest) {
                longest = left;
                by = scope;
            }
        }
        if (by == null) {
            return Optional.empty();
        }
        refused.get(by).increment();
        return Optional.of(Duration.ofNanos(longest));
    }

    /** A wrong password (or an unknown or disabled account): counted, and a lock-out begun where a count is full. */
    public void failed(String username, String address) {
        failures.increment();
        if (!properties.enabled()) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (counts.size() > MAX_ENTRIES) {
            forgetOld(now);
        }
        count(Scope.PAIR, username, address, properties.pairFailures(), properties.pairLockout(), now);
        count(Scope.ADDRESS, username, address, properties.addressFailures(), properties.addressLockout(), now);
        count(Scope.ACCOUNT, username, address, properties.accountFailures(), properties.accountLockout(), now);
    }

    /** A successful sign-in: its pair starts again from nothing. */
    public void succeeded(String username, String address) {
        successes.increment();
        counts.remove(key(Scope.PAIR, username, address));
    }

    private void count(Scope scope, String username, String address, int threshold, Duration lockout, long now) {
        String key = key(scope, username, address);
        Count count = counts.computeIfAbsent(key, k -> new Count());
        int failed = count.fail(now, properties.window().toNanos(), threshold, lockout.toNanos());
        if (failed >= threshold) {
            lockouts.get(scope).increment();
            log.warn(
                    "Sign-ins locked out for {} s after {} failures within {} for one {} (ref {}); each attempt "
                            + "meanwhile is answered 429",
                    lockout.toSeconds(),
                    failed,
                    properties.window(),
                    scope.name().toLowerCase(Locale.ROOT),
                    reference(key));
        }
    }

    private void forgetOld(long now) {
        long window = properties.window().toNanos();
        counts.entrySet().removeIf(entry -> entry.getValue().idle(now, window));
        if (counts.size() > MAX_ENTRIES) {
            log.warn(
                    "More than {} sign-in failure counts within {}: the oldest are forgotten",
                    MAX_ENTRIES,
                    properties.window());
            counts.clear();
        }
    }

    private static String key(Scope scope, String username, String address) {
        String account = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (account.length() > 200) {
            account = account.substring(0, 200);
        }
        return switch (scope) {
            case PAIR -> "p\u0000" + account + "\u0000" + address;
            case ADDRESS -> "a\u0000" + address;
            case ACCOUNT -> "u\u0000" + account;
        };
    }

    /** A keyed hash of a count's key, that links log lines of this process and reveals nothing else. */
    private String reference(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(referenceKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            return "-";
        }
    }

    /** Failures within the window, and the end of the lock-out they caused. */
    private static final class Count {
        private int failures;
        private long firstAt;
        private long lockedUntil;
        private boolean locked;

        /** Counts one failure; answers the failures counted, or 0 when this one did not fill the count. */
        synchronized int fail(long now, long window, int threshold, long lockout) {
            if (locked && now - lockedUntil < 0) {
                return 0;
            }
            if (failures == 0 || now - firstAt > window) {
                failures = 0;
                firstAt = now;
            }
            failures++;
            if (failures >= threshold) {
                int counted = failures;
                failures = 0;
                locked = true;
                lockedUntil = now + lockout;
                return counted;
            }
            return 0;
        }

        synchronized long lockedFor(long now) {
            return locked && now - lockedUntil < 0 ? lockedUntil - now : 0;
        }

        synchronized boolean idle(long now, long window) {
            return lockedFor(now) == 0 && (failures == 0 || now - firstAt > window);
        }
    }
}
