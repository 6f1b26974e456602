package org.journeyplatform.api.security;

import org.journeyplatform.api.problems.DatabaseFailures;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The API's filter chain: every call is authenticated (HTTP Basic against the staff accounts, then the session cookie,
 * or an identity provider's bearer tokens); only health probes, the OpenAPI description and problem-type pages are
 * public. The role matrix of every endpoint is here. Who acted is taken from the authenticated user, never from the
 * request body, and stored in every event's metadata. Refusals are problem details ({@code 401}, {@code 403},
 * {@code 429}, {@code 503}).
 */
@Configuration
public class ApiSecurityConfiguration {

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

    /** Programmes, peers and instruments: read by every staff role. */
    private static final String[] CATALOGUES = {
        "/api/v1/programmes",
        "/api/v1/programmes/**",
        "/api/v1/peers",
        "/api/v1/peers/**",
        "/api/v1/instruments",
        "/api/v1/instruments/**"
    };

    /** The dashboards: managers, for their own programmes ({@code Dashboards} decides which). */
    private static final String[] DASHBOARDS = {"/api/v1/programmes/*/dashboard", "/api/v1/dashboard"};

    /** The participants one may see, and one's profile. */
    private static final String[] PARTICIPANTS = {"/api/v1/participants", "/api/v1/participants/*"};

    /** Her journey as read: not by peer workers. */
    private static final String[] JOURNEY_READS = {"/api/v1/participants/*/timeline", "/api/v1/participants/*/summary"};

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            Environment environment,
            @Value("${journey.security.jwt.roles-claim:roles}") String rolesClaim,
            @Value("${journey.security.jwt.username-claim:preferred_username}") String usernameClaim,
            StaffUsers users)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                SecurityConfiguration.writeThrottled(response, throttled);
                return;
            }
            if (e instanceof AuthenticationServiceException && DatabaseFailures.unavailable(e)) {
                // her account could not be read: the database is away, not her password wrong
                ProblemResponses.write(
                        response, ProblemType.UNAVAILABLE, DatabaseFailures.unavailableDetail(request.getMethod()));
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"journey-platform\"");
            ProblemResponses.write(response, ProblemType.UNAUTHENTICATED);
        };
        AccessDeniedHandler forbidden =
                (request, response, e) -> ProblemResponses.write(response, ProblemType.FORBIDDEN);
        JwtDecoder identityProvider = IdentityProvider.decoder(environment);
        if (identityProvider != null) {
            // With an identity provider configured, staff sign in with its bearer tokens: the username and roles
            // come from the token's claims.
            http.oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.decoder(identityProvider)
                            .jwtAuthenticationConverter(IdentityProvider.tokens(rolesClaim, usernameClaim)))
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
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
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
                        // HEAD is asked as GET is, by the same roles (a HEAD rule beside every GET rule)
                        .requestMatchers(HttpMethod.GET, DASHBOARDS)
                        .hasRole("MANAGER")
                        .requestMatchers(HttpMethod.HEAD, DASHBOARDS)
                        .hasRole("MANAGER")
                        .requestMatchers("/api/v1/programmes/*/staff", "/api/v1/programmes/*/staff/**")
                        .hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/programmes", "/api/v1/peers")
                        .hasAnyRole("ADMIN", "MANAGER")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/instruments/**")
                        .hasAnyRole("ADMIN", "MANAGER")
                        .requestMatchers(HttpMethod.GET, CATALOGUES)
                        .hasAnyRole("ADMIN", "MANAGER", "CASEWORKER", "PEER_WORKER")
                        .requestMatchers(HttpMethod.HEAD, CATALOGUES)
                        .hasAnyRole("ADMIN", "MANAGER", "CASEWORKER", "PEER_WORKER")
                        // a peer worker logs peer sessions and finds the participants of her programmes by name:
                        // nothing else of their journeys (no relapses, no timeline, no summary)
                        .requestMatchers(HttpMethod.POST, "/api/v1/participants/*/peer-sessions")
                        .hasAnyRole("CASEWORKER", "MANAGER", "PEER_WORKER")
                        .requestMatchers(HttpMethod.GET, PARTICIPANTS)
                        .hasAnyRole("CASEWORKER", "MANAGER", "PEER_WORKER", "ADMIN")
                        .requestMatchers(HttpMethod.HEAD, PARTICIPANTS)
                        .hasAnyRole("CASEWORKER", "MANAGER", "PEER_WORKER", "ADMIN")
                        // an administrator reads no journey but under break-glass (ParticipantAccess decides)
                        .requestMatchers(HttpMethod.POST, "/api/v1/participants/*/break-glass")
                        .hasAnyRole("CASEWORKER", "MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.GET, JOURNEY_READS)
                        .hasAnyRole("CASEWORKER", "MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.HEAD, JOURNEY_READS)
                        .hasAnyRole("CASEWORKER", "MANAGER", "ADMIN")
                        .requestMatchers("/api/**")
                        .hasAnyRole("CASEWORKER", "MANAGER")
                        .anyRequest()
                        .denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated)
                        .securityContextRepository(new DelegatingSecurityContextRepository(
                                new RequestAttributeSecurityContextRepository(), new NewSessionPerSignIn())))
                .exceptionHandling(
                        ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .formLogin(form -> form.disable())
                // a session (or token) of an account disabled, or given a new password or roles, since: 401 at once
                .addFilterBefore(
                        new SessionsFollowAccounts(users, (request, response) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"journey-platform\"");
                            ProblemResponses.write(response, ProblemType.SESSION_ENDED);
                        }),
                        AuthorizationFilter.class)
                .headers(Customizer.withDefaults())
                .build();
    }
}
