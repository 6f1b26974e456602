package org.journeyplatform.infra.axon.parking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A parked event's reason")
class ParkingPolicyTest {

    @Test
    @DisplayName("keeps PostgreSQL's message up to the first value it quotes, and the names of relations before it")
    void withholdsValues() {
        assertThat(ParkingPolicy.withoutValues("invalid input syntax for type integer: \"Wren 1990\""))
                .isEqualTo("invalid input syntax for type integer: \"...\"");
        assertThat(ParkingPolicy.withoutValues("value \"1993000000000\" is out of range for type integer"))
                .isEqualTo("value \"...\"");
        assertThat(
                        ParkingPolicy.withoutValues(
                                "null value in column \"chosen_name\" of relation \"participant\" violates not-null constraint"))
                .isEqualTo(
                        "null value in column \"chosen_name\" of relation \"participant\" violates not-null constraint");
        assertThat(ParkingPolicy.withoutValues("invalid byte sequence for encoding \"UTF8\": 0x00"))
                .isEqualTo("invalid byte sequence for encoding \"UTF8\": 0x00");
    }
}
