package org.journeyplatform.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Built-in staff accounts for the local run and tests ({@code journey.security.users}). */
@ConfigurationProperties("journey.security")
public record SecurityProperties(List<User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One account; {@code password} is plain or already encoded ("{bcrypt}..."). */
    public record User(String username, String password, List<String> roles) {}
}
