package org.journeyplatform.api.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The configured staff accounts ({@code journey.security.users}), created or brought in line with the configuration
 * at start-up; then, with {@code journey.security.refuse-demo-users=true} (the {@code production} profile), start-up
 * stops while any enabled account still has a published demo password.
 * <p>
 * A start-up step of its own, not part of making the account service: it runs once every bean exists and the schema
 * is migrated, and before the web server starts, so that no request is ever served by an instance that is about to
 * refuse to start (an {@code ApplicationRunner} would run after the server is listening).
 */
@Component
class BuiltInAccounts implements SmartInitializingSingleton {

    /** The built-in accounts' published passwords (README.md): never accepted where real data lives. */
    static final Set<String> DEMO_PASSWORDS =
            Set.of("caseworker-demo", "outreach-demo", "peer-demo", "researcher-demo", "manager-demo", "admin-demo");

    private final SecurityProperties properties;
    private final StaffUsers users;
    private final PasswordEncoder encoder;
    private final boolean refuseDemoUsers;

    BuiltInAccounts(
            SecurityProperties properties,
            StaffUsers users,
            PasswordEncoder encoder,
            @Value("${journey.security.refuse-demo-users:false}") boolean refuseDemoUsers) {
        this.properties = properties;
        this.users = users;
        this.encoder = encoder;
        this.refuseDemoUsers = refuseDemoUsers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // an account listed twice is brought in line with its last entry, as when they were done one after the other
        Map<String, SecurityProperties.User> lastEntries = new LinkedHashMap<>();
        properties.users().forEach(user -> lastEntries.put(user.username(), user));
        sideBySide(List.copyOf(lastEntries.values()), users::ensure);
        if (refuseDemoUsers) {
            refuseDemoPasswords(properties, encoder);
            sideBySide(users.hashes(), account -> {
                if (DEMO_PASSWORDS.stream().anyMatch(demo -> encoder.matches(demo, account[1]))) {
                    throw new DemoPasswordRefusedException(account[0]);
                }
            });
        }
    }

    /**
     * Does something for each account on one thread per core. Hashing or checking a password with BCrypt takes a
     * tenth of a second or more (several times that before the JIT compiler has warmed up), and was a third of the
     * platform's start-up time with the six built-in accounts. The first failure is thrown as it was.
     */
    static <T> void sideBySide(List<T> accounts, Consumer<T> action) {
        int threads = Math.min(accounts.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            accounts.forEach(action);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (T account : accounts) {
                done.add(pool.submit(() -> action.accept(account)));
            }
            for (Future<?> each : done) {
                try {
                    each.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the accounts were checked", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Start-up stops when any configured account has a published demo password, plain or encoded. */
    static void refuseDemoPasswords(SecurityProperties properties, PasswordEncoder encoder) {
        for (SecurityProperties.User user : properties.users()) {
            boolean demo = DEMO_PASSWORDS.stream()
                    .anyMatch(demoPassword -> user.password().startsWith("{")
                            ? encoder.matches(demoPassword, user.password())
                            : user.password().equals(demoPassword));
            if (demo) {
                throw new DemoPasswordRefusedException(user.username());
            }
        }
    }
}
