package org.journeyplatform.api.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff accounts in the database ({@code staff_user}), with BCrypt password hashes. The accounts named in the
 * configuration are created, or their password and roles brought in line, at start-up; administrators create others.
 */
public class StaffUsers implements UserDetailsService {

    /** The roles an account can have. */
    public static final List<String> ROLES = List.of("CASEWORKER", "PEER_WORKER", "MANAGER", "RESEARCHER", "ADMIN");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    public StaffUsers(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** One account, without its password. */
    public record Account(String username, List<String> roles, boolean enabled, Instant createdAt, String createdBy) {
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT * FROM staff_user WHERE username = ?").param(username)
                .query((rs, row) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("roles").split(","))
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional().orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }

    /** Creates the configured account, or updates its password (when it no longer matches) and roles. */
    void ensure(SecurityProperties.User user) {
        String roles = String.join(",", user.roles());
        Optional<String> stored = jdbc.sql("SELECT password_hash FROM staff_user WHERE username = ?")
                .param(user.username()).query(String.class).optional();
        if (stored.isEmpty()) {
            insert(user.username(), hash(user.password()), roles, "configuration");
            return;
        }
        boolean same = user.password().startsWith("{") ? user.password().equals(stored.get())
                : encoder.matches(user.password(), stored.get());
        jdbc.sql("UPDATE staff_user SET roles = ?, password_hash = ? WHERE username = ?")
                .params(roles, same ? stored.get() : hash(user.password()), user.username()).update();
    }

    /** Creates an account; false when the username is taken. */
    public boolean create(String username, String password, List<String> roles, String createdBy) {
        if (jdbc.sql("SELECT count(*) FROM staff_user WHERE username = ?").param(username).query(Long.class)
                .single() > 0) {
            return false;
        }
        insert(username, hash(password), String.join(",", roles), createdBy);
        return true;
    }

    public boolean setPassword(String username, String password) {
        return jdbc.sql("UPDATE staff_user SET password_hash = ? WHERE username = ?")
                .params(hash(password), username).update() > 0;
    }

    public boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("UPDATE staff_user SET enabled = ? WHERE username = ?").params(enabled, username).update() > 0;
    }

    public List<Account> accounts() {
        return jdbc.sql("SELECT * FROM staff_user ORDER BY username")
                .query((rs, row) -> new Account(rs.getString("username"),
                        Arrays.asList(rs.getString("roles").split(",")), rs.getBoolean("enabled"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    /** The stored hashes, for checking that none is a published demo password. */
    List<String[]> hashes() {
        return jdbc.sql("SELECT username, password_hash FROM staff_user WHERE enabled")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    private void insert(String username, String hash, String roles, String createdBy) {
        jdbc.sql("""
                        INSERT INTO staff_user (username, password_hash, roles, enabled, created_at, created_by)
                        VALUES (?, ?, ?, true, ?, ?) ON CONFLICT (username) DO NOTHING""")
                .params(username, hash, roles, Timestamp.from(Instant.now()), createdBy).update();
    }

    private String hash(String password) {
        return password.startsWith("{") ? password : encoder.encode(password);
    }
}
