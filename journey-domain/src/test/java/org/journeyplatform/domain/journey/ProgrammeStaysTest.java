package org.journeyplatform.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.journeyplatform.domain.journey.ProgrammeStays.Stay;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Her stays, paired from entries and exits in life order")
class ProgrammeStaysTest {

    private static final LocalDate JAN = LocalDate.parse("2024-01-10");
    private static final LocalDate MAR = LocalDate.parse("2024-03-05");
    private static final LocalDate JUN = LocalDate.parse("2024-06-20");

    @Nested
    @DisplayName("given entries and exits in two programmes")
    class TwoProgrammes {

        @Test
        @DisplayName(
                "each exit closes her open stay in its programme, in the order she entered, and the rest stay open")
        void paired() {
            ProgrammeStays<String> stays = new ProgrammeStays<>();
            stays.entered("harbour", JAN);
            stays.entered("circle", MAR);
            stays.exited("harbour", JUN, "COMPLETED");

            assertThat(stays.stays())
                    .containsExactly(
                            new Stay<>("harbour", JAN, JUN, "COMPLETED"), new Stay<>("circle", MAR, null, null));
            assertThat(stays.current()).containsExactly(java.util.Map.entry("circle", MAR));
            assertThat(stays.inSince("circle")).isEqualTo(MAR);
            assertThat(stays.inSince("harbour")).isNull();
            assertThat(stays.hasBeenIn("harbour")).isTrue();
            assertThat(stays.hasBeenIn("outreach")).isFalse();
            assertThat(stays.latestExitFrom("harbour")).isEqualTo(JUN);
        }

        @Test
        @DisplayName(
                "an entry while she is in the programme keeps the first; an exit without a stay pairs with nothing")
        void unpaired() {
            ProgrammeStays<String> stays = new ProgrammeStays<>();
            stays.entered("harbour", JAN);
            stays.entered("harbour", MAR);
            stays.exited("circle", MAR, "TRANSFERRED");

            assertThat(stays.stays()).containsExactly(new Stay<>("harbour", JAN, null, null));
            assertThat(stays.latestExitFrom("circle")).isEqualTo(MAR);
        }

        @Test
        @DisplayName("a copy goes on by itself")
        void copy() {
            ProgrammeStays<String> stays = new ProgrammeStays<>();
            stays.entered("harbour", JAN);
            ProgrammeStays<String> copy = stays.copy();
            copy.exited("harbour", MAR, "COMPLETED");

            assertThat(stays.current()).containsOnlyKeys("harbour");
            assertThat(copy.current()).isEmpty();
            assertThat(copy.stays()).containsExactly(new Stay<>("harbour", JAN, MAR, "COMPLETED"));
        }
    }
}
