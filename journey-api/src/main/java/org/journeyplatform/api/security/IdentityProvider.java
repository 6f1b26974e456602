package org.journeyplatform.api.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The wiring of an outside identity provider (OIDC): how its tokens are checked and what in them names the staff
 * member and her roles. Used by the API chain when one is configured; without one, staff sign in with passwords.
 */
public final class IdentityProvider {

    private IdentityProvider() {}

    /**
     * The identity provider's token decoder: by its issuer (OIDC discovery, {@code JOURNEY_OIDC_ISSUER_URI}) or by its
     * public key ({@code JOURNEY_OIDC_PUBLIC_KEY_LOCATION}, a PEM file); null when neither is configured.
     */
    static JwtDecoder decoder(Environment environment) {
        String issuer = environment.getProperty("journey.security.oidc.issuer-uri", "");
        String publicKey = environment.getProperty("journey.security.oidc.public-key-location", "");
        if (!issuer.isBlank()) {
            return JwtDecoders.fromIssuerLocation(issuer);
        }
        if (!publicKey.isBlank()) {
            try (InputStream in =
                    new DefaultResourceLoader().getResource(publicKey).getInputStream()) {
                String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
                RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(
                                new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
                return NimbusJwtDecoder.withPublicKey(key).build();
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("Cannot read the identity provider's public key at " + publicKey, e);
            }
        }
        return null;
    }

    /** A token's roles claim (e.g. ["CASEWORKER"]) becomes the staff member's roles; its username claim her name. */
    static JwtAuthenticationConverter tokens(String rolesClaim, String usernameClaim) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(rolesClaim);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        converter.setPrincipalClaimName(usernameClaim);
        return converter;
    }
}
