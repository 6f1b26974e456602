package org.journeyplatform.api.input;

import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.journeyplatform.api.problems.ProblemResponses;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The edge of the platform answers every refusal as a problem detail: Spring Security's firewall (an encoded slash, a
 * semicolon in a path, a header that is not text) and Tomcat's own refusals before any servlet runs (a malformed URI, a
 * header too large). Header values may be any UTF-8 text without control characters ({@link Headers}).
 */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(Headers::acceptable);
        firewall.setAllowedHeaderNames(name -> Headers.utf8(name).isPresent());
        firewall.setAllowedParameterNames(name -> Text.problem(name, false).isEmpty());
        firewall.setAllowedParameterValues(value -> Text.problem(value, true).isEmpty());
        return firewall;
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> ProblemResponses.write(
                response,
                400,
                "malformed-request",
                "Malformed request",
                "The request was refused before it reached the API: its address or a header holds characters that are "
                        + "not allowed (an encoded slash or backslash, a semicolon or '//' in the path, or a control "
                        + "character). Send plain paths and UTF-8 text.");
    }

    /** Tomcat's error report for what it refuses itself is a problem detail, not an HTML page. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDetailErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
