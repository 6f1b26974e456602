package org.journeyplatform.api.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@DisplayName("In production, the built-in accounts' published passwords are refused")
class DemoUsersRefusedTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    @DisplayName("a demo password, plain or encoded, stops start-up naming the account")
    void demoPasswordsRefused() {
        assertThatThrownBy(() -> BuiltInAccounts.refuseDemoPasswords(users("caseworker", "caseworker-demo"), encoder))
                .hasMessageContaining("'caseworker'")
                .hasMessageContaining("JOURNEY_*_PASSWORD");
        assertThatThrownBy(() ->
                        BuiltInAccounts.refuseDemoPasswords(users("admin", encoder.encode("admin-demo")), encoder))
                .hasMessageContaining("'admin'");
    }

    @Test
    @DisplayName("real passwords pass")
    void realPasswordsPass() {
        assertThatCode(() -> BuiltInAccounts.refuseDemoPasswords(
                        users("caseworker", encoder.encode("a long passphrase nobody published")), encoder))
                .doesNotThrowAnyException();
    }

    private static SecurityProperties users(String username, String password) {
        return new SecurityProperties(List.of(new SecurityProperties.User(username, password, List.of("CASEWORKER"))));
    }
}
