package org.journeyplatform.api.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One line when the platform is usable: after start-up and after the demo data set has loaded (Spring Boot's
 * "Started" line comes before that, while the readiness probe still refuses traffic).
 */
@Component
public class ReadyLine {

    private static final Logger log = LoggerFactory.getLogger(ReadyLine.class);

    private final String address;

    public ReadyLine(@Value("${server.address:127.0.0.1}") String address) {
        this.address = address;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String host = "0.0.0.0".equals(address) ? "localhost" : address;
            log.info(
                    "Journey platform ready at http://{}:{} (dashboard /dashboard, API /api/v1, API guide "
                            + "/swagger-ui.html)",
                    host,
                    web.getWebServer().getPort());
        }
    }
}
