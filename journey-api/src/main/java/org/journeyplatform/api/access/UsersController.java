package org.journeyplatform.api.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.api.security.SecurityConfiguration;
import org.journeyplatform.api.security.StaffUsers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators manage staff accounts: create one with its roles, set a new password or new roles, disable or enable
 * it; each change but creation ends the account's sessions at once. Passwords are stored as BCrypt hashes and never
 * answered.
 */
@RestController
@RequestMapping("/api/v1/admin/users")
@Tag(name = "Administration: staff accounts", description = "Staff accounts: create, enable, password, roles")
public class UsersController {

    private final StaffUsers users;

    public UsersController(StaffUsers users) {
        this.users = users;
    }

    /** A new account. */
    public record NewAccount(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,63}")
            String username,

            @NotNull @Size(min = 12, max = 72) String password,

            @NotEmpty
            List<@NotNull @Pattern(regexp = "CASEWORKER|PEER_WORKER|MANAGER|RESEARCHER|ADMIN") String> roles) {}

    /** A new password. */
    public record NewPassword(
            @NotNull @Size(min = 12, max = 72) String password) {}

    /** The account's roles, replacing those it had. */
    public record Roles(
            @NotEmpty
            List<@NotNull @Pattern(regexp = "CASEWORKER|PEER_WORKER|MANAGER|RESEARCHER|ADMIN") String> roles) {}

    /** Whether the account may sign in. */
    public record Enabled(@NotNull Boolean enabled) {}

    /** Refuses a password BCrypt cannot hash (more than it reads), or one of blanks only. */
    private static void hashable(String password) {
        if (password.isBlank()) {
            throw new ApiProblem(
                    ProblemType.VALIDATION_FAILED,
                    "The password is blanks only: a passphrase may hold spaces, but not only spaces.");
        }
        if (!SecurityConfiguration.WithinBcryptLimit.fits(password)) {
            throw new ApiProblem(
                    ProblemType.VALIDATION_FAILED,
                    "The password is at most " + SecurityConfiguration.WithinBcryptLimit.MAX_BYTES
                            + " bytes in UTF-8 (letters such as é take two).");
        }
    }

    @GetMapping
    @Operation(summary = "Every staff account, without passwords")
    public List<StaffUsers.Account> list() {
        return users.accounts();
    }

    @PostMapping
    @Operation(summary = "Create a staff account (password at least 12 characters)")
    public ResponseEntity<StaffUsers.Account> create(@Valid @RequestBody NewAccount account, Principal admin) {
        hashable(account.password());
        if (RESERVED.contains(account.username())) {
            throw new ApiProblem(
                    ProblemType.INVALID_COMMAND,
                    "'" + account.username() + "' is a name the platform records as the actor of its own work (the "
                            + "retention rule, the demo and generated data, the audit log's withdrawals): an account "
                            + "of that name could pass for it. Nothing was created; choose another username.");
        }
        if (!users.create(
                account.username(),
                account.password(),
                account.roles().stream().distinct().toList(), // a role named twice is held once
                admin.getName())) {
            throw new ApiProblem(
                    ProblemType.ACCOUNT_EXISTS, "There is already an account '" + account.username() + "'.");
        }
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + account.username()))
                .body(users.accounts().stream()
                        .filter(a -> a.username().equals(account.username()))
                        .findFirst()
                        .orElseThrow());
    }

    @PutMapping("/{username}/password")
    @Operation(summary = "Set a new password for an account")
    public ResponseEntity<Void> password(@PathVariable String username, @Valid @RequestBody NewPassword password) {
        hashable(password.password());
        if (!users.setPassword(username, password.password())) {
            throw unknown(username);
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{username}/roles")
    @Operation(summary = "Give an account new roles (its sessions end)")
    public ResponseEntity<Void> roles(@PathVariable String username, @Valid @RequestBody Roles roles) {
        if (!roles.roles().contains("ADMIN")) {
            keepAnAdministrator(username);
        }
        if (!users.setRoles(username, roles.roles().stream().distinct().toList())) {
            throw unknown(username);
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{username}/enabled")
    @Operation(summary = "Disable or enable an account")
    public ResponseEntity<Void> enabled(@PathVariable String username, @Valid @RequestBody Enabled enabled) {
        if (!enabled.enabled()) {
            keepAnAdministrator(username);
        }
        if (!users.setEnabled(username, enabled.enabled())) {
            throw unknown(username);
        }
        return ResponseEntity.noContent().build();
    }

    /** The names the platform records as the actor of its own work; no staff account may take one. */
    static final java.util.Set<String> RESERVED = java.util.Set.of(
            "platform",
            "system",
            "configuration",
            "retention-rule",
            "demo-data",
            "generated-data",
            "erasure-ledger",
            "command-line");

    /**
     * Refuses to leave the platform without an enabled administrator: the change asked for would take this account's
     * administration away (disabled, or ADMIN removed) while it is the only enabled administrator.
     */
    private void keepAnAdministrator(String username) {
        List<StaffUsers.Account> administrators = users.accounts().stream()
                .filter(a -> a.enabled() && a.roles().contains("ADMIN"))
                .toList();
        if (administrators.size() == 1 && administrators.get(0).username().equals(username)) {
            throw new ApiProblem(ProblemType.LAST_ADMINISTRATOR, ProblemType.LAST_ADMINISTRATOR.description());
        }
    }

    private static ApiProblem unknown(String username) {
        return new ApiProblem(ProblemType.NOT_FOUND, "There is no account '" + username + "'.");
    }
}
