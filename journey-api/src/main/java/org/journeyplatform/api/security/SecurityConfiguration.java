package org.journeyplatform.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Every API call is authenticated (HTTP Basic against the built-in accounts, then the session cookie); only health
 * probes, the OpenAPI
 * description and problem-type pages are public. Who acted is taken from the authenticated user, never from the
 * request body, and stored in every event's metadata.
 */
@Configuration
public class SecurityConfiguration {

    /** The session attribute holding the username of the last failed form sign-in, for the form to show again. */
    public static final String LAST_USERNAME = "journey.login.lastUsername";

    /** The paths the API chain answers; every other path is a web page (form login, CSRF tokens). */
    static final String[] API_PATHS = {
        "/api/**",
        "/actuator/**",
        "/v3/api-docs",
        "/v3/api-docs.yaml",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/problems/**"
    };

    /**
     * No observation around each security filter of every request (Spring Security wraps every filter in one when an
     * observation registry exists): it cost more CPU than the filters themselves. Requests are still timed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noFilterObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            ObjectMapper objectMapper,
            org.springframework.core.env.Environment environment,
            @org.springframework.beans.factory.annotation.Value("${journey.security.jwt.roles-claim:roles}")
                    String rolesClaim,
            @org.springframework.beans.factory.annotation.Value(
                            "${journey.security.jwt.username-claim:preferred_username}")
                    String usernameClaim,
            StaffUsers users)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                writeThrottled(response, throttled);
                return;
            }
            if (e instanceof org.springframework.security.authentication.AuthenticationServiceException
                    && org.journeyplatform.api.problems.DatabaseFailures.unavailable(e)) {
                // her account could not be read: the database is away, not her password wrong
                ProblemResponses.write(response, ProblemType.UNAVAILABLE);
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"journey-platform\"");
            ProblemResponses.write(response, ProblemType.UNAUTHENTICATED);
        };
        AccessDeniedHandler forbidden =
                (request, response, e) -> ProblemResponses.write(response, ProblemType.FORBIDDEN);
        JwtDecoder identityProvider = identityProvider(environment);
        if (identityProvider != null) {
            // With an identity provider configured, staff sign in with its bearer tokens: the username and roles
            // come from the token's claims.
            http.oauth2ResourceServer(oauth -> oauth.jwt(jwt ->
                            jwt.decoder(identityProvider).jwtAuthenticationConverter(tokens(rolesClaim, usernameClaim)))
                    .authenticationEntryPoint(unauthenticated));
        }
        return http.securityMatcher(API_PATHS)
                // JSON-only API: a cross-site form cannot send application/json without a CORS preflight (none is
                // allowed), and the session cookie is SameSite=Strict, so there is no CSRF to guard against here.
                .csrf(csrf -> csrf.disable())
                // Checking a BCrypt password costs ~100 ms of CPU; a client that keeps the session cookie after its
                // first Basic-authenticated call is not charged it again.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                // a refused request is not kept for after a sign-in (an API client simply sends it again): so a
                // request without valid credentials never opens a server session, and cannot fill the server's memory
                .requestCache(cache ->
                        cache.requestCache(new org.springframework.security.web.savedrequest.NullRequestCache()))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers(
                                "/v3/api-docs",
                                "/v3/api-docs.yaml",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/problems/**", "/error")
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**", "/actuator/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/break-glass-grants")
                        .hasRole("MANAGER")
                        // the research interface: researchers only, for the studies that name them (ResearchController)
                        .requestMatchers("/api/v1/research/**")
                        .hasRole("RESEARCHER")
                        // dashboards: managers, for their own programmes (Dashboards decides which)
                        .requestMatchers(HttpMethod.GET, "/api/v1/programmes/*/dashboard", "/api/v1/dashboard")
                        .hasRole("MANAGER")
                        .requestMatchers("/api/v1/programmes/*/staff", "/api/v1/programmes/*/staff/**")
                        .hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/programmes", "/api/v1/peers")
                        .hasAnyRole("ADMIN", "MANAGER")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/instruments/**")
                        .hasAnyRole("ADMIN", "MANAGER")
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/programmes",
                                "/api/v1/programmes/**",
                                "/api/v1/peers",
                                "/api/v1/peers/**",
                                "/api/v1/instruments",
                                "/api/v1/instruments/**")
                        .hasAnyRole("ADMIN", "MANAGER", "CASEWORKER", "PEER_WORKER")
                        // a peer worker logs peer sessions and finds the participants of her programmes by name:
                        // nothing else of their journeys (no relapses, no timeline, no summary)
                        .requestMatchers(HttpMethod.POST, "/api/v1/participants/*/peer-sessions")
                        .hasAnyRole("CASEWORKER", "MANAGER", "PEER_WORKER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/participants", "/api/v1/participants/*")
                        .hasAnyRole("CASEWORKER", "MANAGER", "PEER_WORKER", "ADMIN")
                        // an administrator reads no journey but under break-glass (ParticipantAccess decides)
                        .requestMatchers(HttpMethod.POST, "/api/v1/participants/*/break-glass")
                        .hasAnyRole("CASEWORKER", "MANAGER", "ADMIN")
                        .requestMatchers(
                                HttpMethod.GET, "/api/v1/participants/*/timeline", "/api/v1/participants/*/summary")
                        .hasAnyRole("CASEWORKER", "MANAGER", "ADMIN")
                        .requestMatchers("/api/**")
                        .hasAnyRole("CASEWORKER", "MANAGER")
                        .anyRequest()
                        .denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated)
                        .securityContextRepository(new DelegatingSecurityContextRepository(
                                new RequestAttributeSecurityContextRepository(),
                                new HttpSessionSecurityContextRepository())))
                .exceptionHandling(
                        ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .formLogin(form -> form.disable())
                // a session (or token) of an account disabled, or given a new password or roles, since: 401 at once
                .addFilterBefore(
                        new SessionsFollowAccounts(users, (request, response) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"journey-platform\"");
                            ProblemResponses.write(response, ProblemType.SESSION_ENDED);
                        }),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .headers(Customizer.withDefaults())
                .build();
    }

    /**
     * The web pages (the programme dashboard): form login against the same accounts, a session cookie, CSRF tokens in
     * every form. Managers see the dashboard; other signed-in staff are told the pages are not for their role.
     */
    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain pages(HttpSecurity http, StaffUsers users, ObjectMapper objectMapper) throws Exception {
        org.springframework.security.web.authentication.AuthenticationFailureHandler wrongPassword =
                new org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler(
                        "/login?error");
        return http.addFilterBefore(
                        new SessionsFollowAccounts(
                                users,
                                (request, response) ->
                                        response.sendRedirect(request.getContextPath() + "/login?expired")),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error", "/forbidden")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/dashboard", "/dashboard/**")
                        .hasRole("MANAGER")
                        .anyRequest()
                        .denyAll())
                // the page asked for before signing in is remembered in a cookie, not in a server session
                .requestCache(cache ->
                        cache.requestCache(new org.springframework.security.web.savedrequest.CookieRequestCache()))
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/dashboard", false)
                        .permitAll()
                        // too many failed sign-ins: 429 with Retry-After, the same problem detail as the API's
                        .failureHandler((request, response, e) -> {
                            if (e instanceof LoginThrottledException throttled) {
                                writeThrottled(response, throttled);
                            } else {
                                // the form shows the username again, with the error (not the password)
                                String username = request.getParameter("username");
                                if (username != null && username.length() <= 255) {
                                    request.getSession().setAttribute(LAST_USERNAME, username);
                                }
                                wrongPassword.onAuthenticationFailure(request, response, e);
                            }
                        }))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("JOURNEY_SESSION"))
                .exceptionHandling(ex -> ex.accessDeniedPage("/forbidden"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'")))
                .build();
    }

    /**
     * The identity provider's token decoder: by its issuer (OIDC discovery, {@code JOURNEY_OIDC_ISSUER_URI}) or by its
     * public key ({@code JOURNEY_OIDC_PUBLIC_KEY_LOCATION}, a PEM file); null when neither is configured.
     */
    static JwtDecoder identityProvider(org.springframework.core.env.Environment environment) {
        String issuer = environment.getProperty("journey.security.oidc.issuer-uri", "");
        String publicKey = environment.getProperty("journey.security.oidc.public-key-location", "");
        if (!issuer.isBlank()) {
            return org.springframework.security.oauth2.jwt.JwtDecoders.fromIssuerLocation(issuer);
        }
        if (!publicKey.isBlank()) {
            try (java.io.InputStream in = new org.springframework.core.io.DefaultResourceLoader()
                    .getResource(publicKey)
                    .getInputStream()) {
                String pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
                java.security.interfaces.RSAPublicKey key =
                        (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                                .generatePublic(new java.security.spec.X509EncodedKeySpec(
                                        java.util.Base64.getDecoder().decode(pem)));
                return org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withPublicKey(key)
                        .build();
            } catch (java.io.IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("Cannot read the identity provider's public key at " + publicKey, e);
            }
        }
        return null;
    }

    /** A token's roles claim (e.g. ["CASEWORKER"]) becomes the staff member's roles; its username claim her name. */
    static JwtAuthenticationConverter tokens(String rolesClaim, String usernameClaim) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(rolesClaim);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        converter.setPrincipalClaimName(usernameClaim);
        return converter;
    }

    /** Failed sign-ins counted, and sign-ins refused after too many (docs/operations.md "Sign-in throttling"). */
    @Bean
    LoginThrottle loginThrottle(
            LoginThrottleProperties properties, io.micrometer.core.instrument.MeterRegistry registry) {
        return new LoginThrottle(properties, registry);
    }

    /** Password sign-ins (Basic and the login form) against the staff accounts, through the throttle. */
    @Bean
    org.springframework.security.authentication.AuthenticationProvider staffPasswords(
            StaffUsers users, PasswordEncoder encoder, LoginThrottle throttle) {
        org.springframework.security.authentication.dao.DaoAuthenticationProvider passwords =
                new org.springframework.security.authentication.dao.DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ThrottledAuthentication(passwords, throttle);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Staff accounts in the database. The configured accounts are created or brought in line first; with
     * {@code journey.security.refuse-demo-users=true} (the {@code production} profile) start-up then stops while any
     * enabled account has a published demo password.
     */
    @Bean
    StaffUsers users(
            SecurityProperties properties,
            PasswordEncoder encoder,
            JdbcClient jdbc,
            @org.springframework.beans.factory.annotation.Value("${journey.security.refuse-demo-users:false}")
                    boolean refuseDemoUsers,
            @org.springframework.beans.factory.annotation.Value("${journey.security.account-state-cache:PT1S}")
                    java.time.Duration accountStateCache) {
        StaffUsers users = new StaffUsers(jdbc, encoder, accountStateCache);
        properties.users().forEach(users::ensure);
        if (refuseDemoUsers) {
            refuseDemoPasswords(properties, encoder);
            for (String[] account : users.hashes()) {
                if (DEMO_PASSWORDS.stream().anyMatch(demo -> encoder.matches(demo, account[1]))) {
                    throw new DemoPasswordRefusedException(account[0]);
                }
            }
        }
        return users;
    }

    /** The built-in accounts' published passwords (README.md): never accepted where real data lives. */
    static final java.util.Set<String> DEMO_PASSWORDS = java.util.Set.of(
            "caseworker-demo", "outreach-demo", "peer-demo", "researcher-demo", "manager-demo", "admin-demo");

    /**
     * With {@code journey.security.refuse-demo-users=true} (the {@code production} profile) start-up stops when any
     * account still has a published demo password, plain or encoded.
     */
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

    /** Too many failed sign-ins: 429 with Retry-After, from the API and the login form alike. */
    static void writeThrottled(HttpServletResponse response, LoginThrottledException throttled)
            throws java.io.IOException {
        long seconds = throttled.retryAfterSeconds();
        response.setHeader("Retry-After", Long.toString(seconds));
        ProblemResponses.write(
                response,
                ProblemType.LOGIN_THROTTLED,
                ProblemType.LOGIN_THROTTLED.description() + " Try again in " + seconds + " seconds.",
                java.util.Map.of("retryAfterSeconds", seconds));
    }
}
