package org.journeyplatform.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("How many journey command transactions run at once")
class CommandSlotsTest {

    @Nested
    @DisplayName("when not configured")
    class Default {

        @Test
        @DisplayName("is twice the cores, at least two")
        void twiceTheCores() {
            assertThat(IdempotencyFilter.commandSlots(12, 0, 2)).isEqualTo(4);
            assertThat(IdempotencyFilter.commandSlots(12, 0, 1)).isEqualTo(2);
            assertThat(IdempotencyFilter.commandSlots(40, 0, 8)).isEqualTo(16);
        }

        @Test
        @DisplayName("never takes more than the pool less two, nor fewer than one")
        void withinThePool() {
            assertThat(IdempotencyFilter.commandSlots(12, 0, 16)).isEqualTo(10);
            assertThat(IdempotencyFilter.commandSlots(2, 0, 2)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("when configured")
    class Configured {

        @Test
        @DisplayName("is the number given, within the pool less two")
        void asGiven() {
            assertThat(IdempotencyFilter.commandSlots(12, 3, 2)).isEqualTo(3);
            assertThat(IdempotencyFilter.commandSlots(12, 50, 2)).isEqualTo(10);
        }
    }
}
