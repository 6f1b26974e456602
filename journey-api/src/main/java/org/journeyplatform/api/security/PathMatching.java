package org.journeyplatform.api.security;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;

/**
 * Security's request rules match paths with Spring's {@code PathPattern}s, the same parser Spring MVC routes with, and
 * never ask Spring MVC which controller a request goes to.
 * <p>
 * By default Spring Security 6 matches {@code requestMatchers("/api/...")} through Spring MVC's
 * {@code HandlerMappingIntrospector}, and wraps the whole security filter chain in a filter that looks up the
 * request's handler before security runs, so that those matchers can reuse it. Every request was routed twice (about
 * 5 % of a command's CPU in the append benchmark). With path patterns the first lookup serves nothing; it is taken out.
 */
@Configuration(proxyBeanMethods = false)
public class PathMatching {

    private static final String FILTER_CHAIN = "springSecurityFilterChain";
    private static final String COMPOSITE = "WebMvcSecurityConfiguration$CompositeFilterChainProxy";
    private static final String INTROSPECTOR_CACHE =
            "WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    /** {@code requestMatchers(String...)} builds {@code PathPatternRequestMatcher}s. */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** Takes the handler-lookup cache filter out of the security filter chain Spring Security registers. */
    @Bean
    static BeanDefinitionRegistryPostProcessor noHandlerLookupBeforeSecurity() {
        return new NoHandlerLookupBeforeSecurity();
    }

    /**
     * Works in {@link #postProcessBeanFactory}, which runs after every registry post-processor, Spring Security's
     * (which wraps the chain) included.
     */
    static final class NoHandlerLookupBeforeSecurity implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {}

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
            if (beanFactory instanceof BeanDefinitionRegistry registry) {
                unwrap(registry);
            }
        }

        private static void unwrap(BeanDefinitionRegistry registry) {
            if (!registry.containsBeanDefinition(FILTER_CHAIN)) {
                return;
            }
            BeanDefinition chain = registry.getBeanDefinition(FILTER_CHAIN);
            String type = chain.getBeanClassName();
            if (type == null
                    || !type.endsWith(COMPOSITE)
                    || chain.getConstructorArgumentValues().getArgumentCount() != 1) {
                return;
            }
            Object arg = chain.getConstructorArgumentValues()
                    .getIndexedArgumentValues()
                    .values()
                    .iterator()
                    .next()
                    .getValue();
            if (!(arg instanceof ManagedList<?> filters)) {
                return;
            }
            BeanDefinition securityChain = null;
            for (Object filter : filters) {
                if (filter instanceof BeanDefinition definition) {
                    String name = definition.getBeanClassName();
                    if (name != null && name.endsWith(INTROSPECTOR_CACHE)) {
                        continue;
                    }
                    if (securityChain != null) {
                        return; // not the shape this knows: leave it as it is
                    }
                    securityChain = definition;
                } else {
                    return;
                }
            }
            if (securityChain != null) {
                registry.removeBeanDefinition(FILTER_CHAIN);
                registry.registerBeanDefinition(FILTER_CHAIN, securityChain);
            }
        }
    }
}
