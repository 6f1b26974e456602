package org.journeyplatform.api.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.savedrequest.CookieRequestCache;

/**
 * The web pages' filter chain (the staff pages and the programme dashboard): form login against the same staff accounts, a session cookie,
 * CSRF tokens in every form and a strict content security policy. Any path the API chain does not answer is a page.
 */
@Configuration
public class PageSecurityConfiguration {

    /** The session attribute holding the username of the last failed form sign-in, for the form to show again. */
    public static final String LAST_USERNAME = "journey.login.lastUsername";

    /**
     * The web pages: form login against the same accounts, a session cookie, CSRF tokens in every form. Caseworkers,
     * peer workers, managers and administrators see the staff pages (an administrator a participant's page only under
     * break-glass); administrators the administration pages; managers the dashboard; other signed-in staff
     * (researchers) are told the pages are not for their role.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, StaffUsers users) throws Exception {
        AuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return http.addFilterBefore(
                        new SessionsFollowAccounts(
                                users,
                                (request, response) ->
                                        response.sendRedirect(request.getContextPath() + "/login?expired")),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error", "/forbidden")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard/**")
                        .hasRole("MANAGER")
                        // the staff pages: her work, finding participants, a participant's record and its forms (the
                        // forms send JSON to the API, whose rules decide what each role may record)
                        // (an administrator opens a participant's page only under a break-glass grant: the page
                        // asks ParticipantAccess, as the API does)
                        .requestMatchers(HttpMethod.GET, "/", "/home", "/participants", "/participants/**")
                        .hasAnyRole("CASEWORKER", "MANAGER", "PEER_WORKER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/purpose")
                        .hasAnyRole("CASEWORKER", "MANAGER", "PEER_WORKER", "ADMIN")
                        // administration: the audit log's verification, break-glass, erasure
                        .requestMatchers(HttpMethod.GET, "/admin", "/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .denyAll())
                // the page asked for before signing in is remembered in a cookie, not in a server session
                .requestCache(cache -> cache.requestCache(new CookieRequestCache()))
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/home", false)
                        .permitAll()
                        // too many failed sign-ins: 429 with Retry-After, the same problem detail as the API's
                        .failureHandler((request, response, e) -> {
                            if (e instanceof LoginThrottledException throttled) {
                                SecurityConfiguration.writeThrottled(response, throttled);
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
}
