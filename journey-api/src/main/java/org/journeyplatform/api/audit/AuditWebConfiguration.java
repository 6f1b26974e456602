package org.journeyplatform.api.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the audit interceptor in front of every participant endpoint. */
@Configuration
public class AuditWebConfiguration implements WebMvcConfigurer {

    private final AuditInterceptor auditInterceptor;

    public AuditWebConfiguration(AuditInterceptor auditInterceptor) {
        this.auditInterceptor = auditInterceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(auditInterceptor).addPathPatterns("/api/v1/participants/**");
    }
}
