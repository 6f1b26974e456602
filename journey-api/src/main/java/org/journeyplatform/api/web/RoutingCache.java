package org.journeyplatform.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC finds the controller method of a path with variables (every participant's path) by trying each of the
 * API's mappings in turn: about 8 % of a command's CPU in the append benchmark. This handler mapping remembers, per
 * HTTP method, path <em>shape</em> (the path with each UUID segment replaced by a placeholder), {@code Accept} and
 * {@code Content-Type}, which mapping won,
 * and on the next request of that shape only checks that mapping's conditions (method, path, consumes, produces,
 * headers) before using it. A request that does not match its remembered mapping, and every path that is not yet
 * known, goes through Spring's full lookup, so the answers are Spring's own. At most {@link #MAX_SHAPES} shapes are
 * remembered (paths that vary in other segments than UUIDs cannot fill memory).
 */
@Component
public class RoutingCache implements WebMvcRegistrations {

    static final int MAX_SHAPES = 2_000;

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new RememberingHandlerMapping();
    }

    static final class RememberingHandlerMapping extends RequestMappingHandlerMapping {

        private static final Pattern UUID = Pattern.compile(
                "(?<=/)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=/|$)");

        private record Winner(RequestMappingInfo mapping, HandlerMethod handler) {}

        private final Map<String, Winner> winners = new ConcurrentHashMap<>();

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            if (CorsUtils.isPreFlightRequest(request)) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            // what Spring's choice can depend on: the method, the path (UUIDs aside) and the media types asked and sent
            String shape = request.getMethod()
                    + ' '
                    + UUID.matcher(lookupPath).replaceAll("{}")
                    + '\n'
                    + request.getHeader("Accept")
                    + '\n'
                    + request.getContentType();
            Winner winner = winners.get(shape);
            if (winner != null) {
                RequestMappingInfo match = winner.mapping().getMatchingCondition(request);
                if (match != null) {
                    request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, winner.handler());
                    handleMatch(match, lookupPath, request);
                    return winner.handler();
                }
            }
            HandlerMethod found = super.lookupHandlerMethod(lookupPath, request);
            if (found != null && winners.size() < MAX_SHAPES) {
                RequestMappingInfo mapping = mappingOf(found);
                if (mapping != null) {
                    winners.putIfAbsent(shape, new Winner(mapping, found));
                }
            }
            return found;
        }

        /** The registered mapping of a handler method (one per method in this API). */
        private RequestMappingInfo mappingOf(HandlerMethod handler) {
            RequestMappingInfo only = null;
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    getHandlerMethods().entrySet()) {
                if (entry.getValue().getMethod().equals(handler.getMethod())
                        && entry.getValue().getBean().equals(handler.getBean())) {
                    if (only != null) {
                        return null; // one method, several mappings: leave it to Spring every time
                    }
                    only = entry.getKey();
                }
            }
            return only;
        }
    }
}
