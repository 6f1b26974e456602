package org.journeyplatform.api.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What both filter chains share: staff accounts and their passwords, the sign-in throttle, and the answer to too many
 * failed sign-ins. The chains themselves are {@link ApiSecurityConfiguration} (the API, Basic and the session cookie or
 * an identity provider's tokens) and {@link PageSecurityConfiguration} (the web pages, form login and CSRF tokens);
 * the identity provider's wiring is {@link IdentityProvider}; the configured accounts are written by
 * {@link BuiltInAccounts}.
 */
@Configuration
public class SecurityConfiguration {

    /**
     * No observation around each security filter of every request (Spring Security wraps every filter in one when an
     * observation registry exists): it cost more CPU than the filters themselves. Requests are still timed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings noFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Failed sign-ins counted, and sign-ins refused after too many (docs/operations.md "Sign-in throttling"). */
    @Bean
    LoginThrottle loginThrottle(LoginThrottleProperties properties, MeterRegistry registry) {
        return new LoginThrottle(properties, registry);
    }

    /** Password sign-ins (Basic and the login form) against the staff accounts, through the throttle. */
    @Bean
    AuthenticationProvider staffPasswords(StaffUsers users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ThrottledAuthentication(passwords, throttle);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new WithinBcryptLimit(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /**
     * BCrypt reads only the first 72 bytes of a password, so any text that starts with them would sign in. No password
     * is set longer (UsersController refuses it), so a longer one never matches.
     */
    public static final class WithinBcryptLimit implements PasswordEncoder {

        /** The most of a password BCrypt reads, in UTF-8 bytes. */
        public static final int MAX_BYTES = 72;

        /** Whether BCrypt reads the whole password: 72 characters may be more than 72 bytes (é is two). */
        public static boolean fits(CharSequence password) {
            return password.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BYTES;
        }

        private final PasswordEncoder delegate;

        WithinBcryptLimit(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            if (rawPassword != null && !fits(rawPassword)) {
                return false;
            }
            return delegate.matches(rawPassword, encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return delegate.upgradeEncoding(encodedPassword);
        }
    }

    /** Staff accounts in the database; the configured ones are brought in line at start-up ({@link BuiltInAccounts}). */
    @Bean
    StaffUsers users(
            PasswordEncoder encoder,
            JdbcClient jdbc,
            @Value("${journey.security.account-state-cache:PT1S}") Duration accountStateCache) {
        return new StaffUsers(jdbc, encoder, accountStateCache);
    }

    /** Too many failed sign-ins: 429 with Retry-After, from the API and the login form alike. */
    static void writeThrottled(HttpServletResponse response, LoginThrottledException throttled) throws IOException {
        long seconds = throttled.retryAfterSeconds();
        response.setHeader("Retry-After", Long.toString(seconds));
        ProblemResponses.write(
                response,
                ProblemType.LOGIN_THROTTLED,
                ProblemType.LOGIN_THROTTLED.description() + " Try again in " + seconds + " seconds.",
                Map.of("retryAfterSeconds", seconds));
    }
}
