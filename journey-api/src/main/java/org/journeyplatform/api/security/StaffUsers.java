package org.journeyplatform.api.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff accounts in the database ({@code staff_user}), with BCrypt password hashes. The accounts named in the
 * configuration are created, or their password and roles brought in line, at start-up; administrators create others.
 * Each account has a session version: disabling it, a new password or new roles move it on, which ends every session
 * signed in before ({@link SessionsFollowAccounts}).
 */
public class StaffUsers implements UserDetailsService {

    /** The roles an account can have. */
    public static final List<String> ROLES = List.of("CASEWORKER", "PEER_WORKER", "MANAGER", "RESEARCHER", "ADMIN");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final long cacheNanos;
    private final Map<String, Cached> states = new ConcurrentHashMap<>();

    public StaffUsers(JdbcClient jdbc, PasswordEncoder encoder) {
        this(jdbc, encoder, Duration.ZERO);
    }

    /**
     * @param stateCache how long this instance may answer {@link #state} from memory: a change made on another
     *                   instance (disabling an account, a new password or roles) ends sessions here at most this late;
     *                   one made on this instance ends them at once
     */
    public StaffUsers(JdbcClient jdbc, PasswordEncoder encoder, Duration stateCache) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.cacheNanos = stateCache.toNanos();
    }

    /**
     * A signed-in account: its {@code sessionVersion} is the account's as it was when the password was checked, kept
     * with the session for as long as it lasts.
     */
    public static final class StaffUser extends User {
        private static final long serialVersionUID = 1L;
        private final long sessionVersion;

        StaffUser(UserDetails user, long sessionVersion) {
            super(user.getUsername(), user.getPassword(), user.isEnabled(), true, true, true, user.getAuthorities());
            this.sessionVersion = sessionVersion;
        }

        public long sessionVersion() {
            return sessionVersion;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /** Whether an account may sign in, and the version its sessions must have. */
    public record State(boolean enabled, long sessionVersion) {}

    private record Cached(Optional<State> state, long readAt) {}

    /** One account, without its password. */
    public record Account(String username, List<String> roles, boolean enabled, Instant createdAt, String createdBy) {}

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT * FROM staff_user WHERE username = ?")
                .param(username)
                .query((rs, row) -> new StaffUser(
                        User.withUsername(rs.getString("username"))
                                .password(rs.getString("password_hash"))
                                .roles(rs.getString("roles").split(","))
                                .disabled(!rs.getBoolean("enabled"))
                                .build(),
                        rs.getLong("session_version")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }

    /**
     * The account's state now, for checking a session on every request (a primary-key lookup, answered from memory
     * for at most the configured cache time); empty when there is no such account.
     */
    public Optional<State> state(String username) {
        long now = System.nanoTime();
        if (cacheNanos > 0) {
            Cached cached = states.get(username);
            if (cached != null && now - cached.readAt() < cacheNanos) {
                return cached.state();
            }
        }
        Optional<State> state = jdbc.sql("SELECT enabled, session_version FROM staff_user WHERE username = ?")
                .param(username)
                .query((rs, row) -> new State(rs.getBoolean(1), rs.getLong(2)))
                .optional();
        if (cacheNanos > 0) {
            if (states.size() > 10_000) {
                states.clear();
            }
            states.put(username, new Cached(state, now));
        }
        return state;
    }

    /** This instance changed the account: its sessions here end at once, whatever the cache holds. */
    private void changed(String username) {
        states.remove(username);
    }

    /** Creates the configured account, or updates its password (when it no longer matches) and roles. */
    void ensure(SecurityProperties.User user) {
        String roles = String.join(",", user.roles());
        Optional<String> stored = jdbc.sql("SELECT password_hash FROM staff_user WHERE username = ?")
                .param(user.username())
                .query(String.class)
                .optional();
        if (stored.isEmpty()) {
            insert(user.username(), hash(user.password()), roles, "configuration");
            return;
        }
        boolean same = user.password().startsWith("{")
                ? user.password().equals(stored.get())
                : encoder.matches(user.password(), stored.get());
        // a new password or new roles end the account's sessions; a restart with the same configuration does not
        jdbc.sql("""
                        UPDATE staff_user SET session_version = session_version
                               + CASE WHEN roles <> ? OR NOT ? THEN 1 ELSE 0 END,
                               roles = ?, password_hash = ? WHERE username = ?""")
                .params(roles, same, roles, same ? stored.get() : hash(user.password()), user.username())
                .update();
        changed(user.username());
    }

    /** Creates an account; false when the username is taken. */
    public boolean create(String username, String password, List<String> roles, String createdBy) {
        if (jdbc.sql("SELECT count(*) FROM staff_user WHERE username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0) {
            return false;
        }
        insert(username, hash(password), String.join(",", roles), createdBy);
        return true;
    }

    /** Sets a new password; the account's sessions end. */
    public boolean setPassword(String username, String password) {
        boolean found = jdbc.sql("""
                        UPDATE staff_user SET password_hash = ?, session_version = session_version + 1
                         WHERE username = ?""").params(hash(password), username).update() > 0;
        changed(username);
        return found;
    }

    /** Enables or disables the account; its sessions end. */
    public boolean setEnabled(String username, boolean enabled) {
        boolean found = jdbc.sql("""
                        UPDATE staff_user SET enabled = ?, session_version = session_version + 1
                         WHERE username = ?""").params(enabled, username).update() > 0;
        changed(username);
        return found;
    }

    /** Gives the account these roles; its sessions end. */
    public boolean setRoles(String username, List<String> roles) {
        boolean found = jdbc.sql("""
                        UPDATE staff_user SET roles = ?, session_version = session_version + 1
                         WHERE username = ?""").params(String.join(",", roles), username).update() > 0;
        changed(username);
        return found;
    }

    public List<Account> accounts() {
        return jdbc.sql("SELECT * FROM staff_user ORDER BY username")
                .query((rs, row) -> new Account(
                        rs.getString("username"),
                        Arrays.asList(rs.getString("roles").split(",")),
                        rs.getBoolean("enabled"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by")))
                .list();
    }

    /** The stored hashes, for checking that none is a published demo password. */
    List<String[]> hashes() {
        return jdbc.sql("SELECT username, password_hash FROM staff_user WHERE enabled")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    private void insert(String username, String hash, String roles, String createdBy) {
        jdbc.sql("""
                        INSERT INTO staff_user (username, password_hash, roles, enabled, created_at, created_by)
                        VALUES (?, ?, ?, true, ?, ?) ON CONFLICT (username) DO NOTHING""")
                .params(username, hash, roles, Timestamp.from(Instant.now()), createdBy)
                .update();
    }

    private String hash(String password) {
        return password.startsWith("{") ? password : encoder.encode(password);
    }
}
