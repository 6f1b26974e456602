package org.journeyplatform.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where an HTTP Basic sign-in keeps its security context: in the session, as before, but never in a session that
 * belonged to someone else or to no one. A Basic request that signs in as another staff member than the one its
 * session cookie names (or in a session that named nobody) gets a new session: the old one ends, its id answers 401,
 * and the new id is sent in {@code Set-Cookie}. Without this, a caseworker's session id would become an
 * administrator's session once any request carried it with the administrator's credentials (session fixation), as the
 * web form's sign-in already prevents.
 */
final class NewSessionPerSignIn implements SecurityContextRepository {

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return sessions.loadContext(holder);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return sessions.loadDeferredContext(request);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            String before = nameIn(
                    () -> session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY));
            String after = context.getAuthentication() == null
                    ? null
                    : context.getAuthentication().getName();
            if (after != null && !Objects.equals(before, after)) {
                try {
                    session.invalidate();
                } catch (IllegalStateException endedMeanwhile) {
                    // another request of the same session ended it first
                }
                request.getSession(true);
            }
        }
        sessions.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.containsContext(request);
    }

    private static String nameIn(Supplier<Object> attribute) {
        try {
            Object stored = attribute.get();
            Authentication signedIn = stored instanceof SecurityContext context ? context.getAuthentication() : null;
            return signedIn == null ? null : signedIn.getName();
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
