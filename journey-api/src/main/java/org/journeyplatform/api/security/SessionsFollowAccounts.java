package org.journeyplatform.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session follows its account (issue 15): on every request of a signed-in user, the account's state is looked up
 * ({@link StaffUsers#state}, a primary-key lookup). A session whose account was disabled, deleted, given a new password
 * or new roles since it signed in (its session version moved on) is invalidated at once and the request refused; so is
 * a bearer token of an account that exists here and is disabled. HTTP Basic requests without a session sign in afresh
 * on every call, where a disabled account is refused by the password check itself.
 *
 * <p>Not a bean: a filter bean would also be registered for every request outside the security chains.
 */
public class SessionsFollowAccounts extends OncePerRequestFilter {

    /** Answers a request whose session has just ended. */
    @FunctionalInterface
    public interface Refusal {
        void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(SessionsFollowAccounts.class);

    private final StaffUsers users;
    private final Refusal refusal;

    public SessionsFollowAccounts(StaffUsers users, Refusal refusal) {
        this.users = users;
        this.refusal = refusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean valid;
        try {
            valid = authentication == null || !authentication.isAuthenticated() || valid(authentication);
        } catch (RuntimeException e) {
            if (!org.journeyplatform.api.problems.DatabaseFailures.unavailable(e)) {
                throw e;
            }
            // the database is away: every request says so, the log once in a while (not a stack trace per request)
            databaseAway(e);
            org.journeyplatform.api.problems.ProblemResponses.write(
                    response,
                    org.journeyplatform.api.problems.ProblemType.UNAVAILABLE,
                    org.journeyplatform.api.problems.DatabaseFailures.unavailableDetail(request.getMethod()));
            return;
        }
        if (!valid) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            // neither the username nor the address: the account's own audit trail is in staff_user and the admin's
            // calls
            log.info(
                    "A sign-in was refused because its account was disabled, or its password or roles changed, "
                            + "after it signed in{}",
                    session != null ? "; its session was ended" : "");
            refusal.refuse(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static final java.util.concurrent.atomic.AtomicLong lastWarned =
            new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong refusedSince =
            new java.util.concurrent.atomic.AtomicLong();

    /** A warning at most every ten seconds, counting the requests refused since the last one. */
    private static void databaseAway(RuntimeException e) {
        long refused = refusedSince.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarned.get();
        if ((last == 0 || now - last > 10_000_000_000L) && lastWarned.compareAndSet(last, now)) {
            refusedSince.addAndGet(-refused);
            log.warn(
                    "Signed-in requests are answered 503: the database cannot be reached to check their accounts ({}; "
                            + "{} request(s) since the last warning)",
                    org.journeyplatform.api.problems.DatabaseFailures.causes(e),
                    refused);
        }
    }

    private boolean valid(Authentication authentication) {
        if (authentication.getPrincipal() instanceof StaffUsers.StaffUser user) {
            Optional<StaffUsers.State> state = users.state(user.getUsername());
            return state.isPresent() && state.get().enabled() && state.get().sessionVersion() == user.sessionVersion();
        }
        if (authentication instanceof JwtAuthenticationToken) {
            // the identity provider vouches for the account; one disabled here is refused all the same
            return users.state(authentication.getName())
                    .map(StaffUsers.State::enabled)
                    .orElse(true);
        }
        return true;
    }
}
