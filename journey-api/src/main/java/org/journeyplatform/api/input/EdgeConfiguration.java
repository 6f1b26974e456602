package org.journeyplatform.api.input;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
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
        return (request, response, rejected) -> writeProblem(
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

    /** A problem detail written by hand, where no Spring converter runs (filters, the firewall's handler). */
    public static void writeProblem(HttpServletResponse response, int status, String code, String title, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream()
                .write(problemJson(status, code, title, detail).getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }

    static String problemJson(int status, String code, String title, String detail) {
        return "{\"type\":\"/problems/" + code + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
