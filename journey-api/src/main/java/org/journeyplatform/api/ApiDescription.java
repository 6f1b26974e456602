package org.journeyplatform.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description's own parts ({@code /v3/api-docs}, Swagger UI): its title, version and description, and the
 * two ways to sign in (HTTP Basic with a staff account, or a bearer token of the identity provider), so that Swagger
 * UI's Authorize button works.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescription {

    @Bean
    OpenAPI journeyOpenApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null
                ? "v1"
                : "v1 (" + build.getIfAvailable().getVersion() + ")";
        return new OpenAPI()
                .info(new Info()
                        .title("Journey platform API")
                        .version(version)
                        .description("Record and read the journeys of people leaving street-based sex trade, drug use "
                                + "and abusive, coercively controlling relationships: participants, their journey "
                                + "events, programmes, dashboards and research exports. Errors are RFC 9457 problem "
                                + "details (/problems). Every POST under /api needs Content-Type: application/json. "
                                + "The guide: docs/api.md."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        "basic",
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("basic")
                                                .description(
                                                        "A staff account (the demo's: caseworker / caseworker-demo)"))
                                .addSecuritySchemes(
                                        "bearer",
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("JWT")
                                                .description(
                                                        "A token of the configured identity provider (JOURNEY_OIDC_ISSUER_URI)")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
