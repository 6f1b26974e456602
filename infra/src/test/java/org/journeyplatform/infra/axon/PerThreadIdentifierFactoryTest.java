package org.journeyplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Axon's identifiers come from a random generator of each thread's own")
class PerThreadIdentifierFactoryTest {

    @Test
    @DisplayName("Axon finds the factory and it makes distinct random (version 4) UUIDs")
    void randomUuids() {
        IdentifierFactory factory = IdentifierFactory.getInstance();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = factory.generateIdentifier();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(factory).isInstanceOf(PerThreadIdentifierFactory.class);
        assertThat(seen).hasSize(10_000);
    }
}
