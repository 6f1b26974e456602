package org.journeyplatform.api.participants;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves a {@link JourneyTarget} argument of a command endpoint from the path's {@code participantId} and the
 * {@code If-Match} header, and describes both in the API description (the argument itself is not a parameter a client
 * sends).
 */
@Configuration(proxyBeanMethods = false)
public class JourneyTargets implements WebMvcConfigurer {

    static final String PATH_VARIABLE = "participantId";
    static final String IF_MATCH_DESCRIPTION = "the version (ETag) you last saw";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(JourneyTarget.class);
    }

    private final JourneyCommandSender sender;

    public JourneyTargets(@Lazy JourneyCommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new Resolver(sender));
    }

    /** Her id, then the version: the same order of refusals (404 before 400) as when each endpoint did both. */
    record Resolver(JourneyCommandSender sender) implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == JourneyTarget.class;
        }

        @Override
        public JourneyTarget resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer mavContainer,
                NativeWebRequest request,
                WebDataBinderFactory binderFactory) {
            @SuppressWarnings("unchecked")
            Map<String, String> variables = (Map<String, String>) request.getAttribute(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            String raw = variables == null ? null : variables.get(PATH_VARIABLE);
            if (raw == null) { // a programming error, not the client's
                throw new IllegalStateException(
                        parameter.getExecutable() + " takes a JourneyTarget without {participantId} in its path");
            }
            var participantId = sender.participantId(raw);
            // several If-Match headers read as one list, as @RequestHeader reads them (and are refused as malformed)
            String[] ifMatch = request.getHeaderValues(HttpHeaders.IF_MATCH);
            return new JourneyTarget(
                    participantId, Versions.expectedVersion(ifMatch == null ? null : String.join(",", ifMatch)));
        }
    }

    /** Her id (first) and If-Match (last) in the description of every operation that takes a {@link JourneyTarget}. */
    @Bean
    OperationCustomizer journeyTargetParameters() {
        return (operation, handler) -> {
            if (!takesTarget(handler)) {
                return operation;
            }
            List<Parameter> parameters =
                    operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
            if (parameters.stream().noneMatch(p -> PATH_VARIABLE.equals(p.getName()) && "path".equals(p.getIn()))) {
                parameters.add(
                        0,
                        new PathParameter().name(PATH_VARIABLE).required(true).schema(new StringSchema()));
            }
            parameters.add(new HeaderParameter()
                    .name(HttpHeaders.IF_MATCH)
                    .description(IF_MATCH_DESCRIPTION)
                    .required(false)
                    .schema(new StringSchema()));
            return operation.parameters(parameters);
        };
    }

    private static boolean takesTarget(HandlerMethod handler) {
        for (Class<?> type : handler.getMethod().getParameterTypes()) {
            if (type == JourneyTarget.class) {
                return true;
            }
        }
        return false;
    }
}
