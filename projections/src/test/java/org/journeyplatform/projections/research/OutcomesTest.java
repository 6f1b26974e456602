package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Her follow-up after leaving, by the dashboard's definitions")
class OutcomesTest {

    private static final LocalDate ENROLLED = LocalDate.parse("2023-01-01");

    private static Study study(TimeGranularity granularity) {
        return new Study(
                "study-1",
                "Evaluation",
                "REC-1",
                Set.of("p"),
                LocalDate.parse("2022-01-01"),
                LocalDate.parse("2025-12-31"),
                List.of(),
                DateMode.DAYS_SINCE_ENROLMENT,
                2,
                "scope",
                LocalDate.parse("2027-01-01"),
                granularity,
                0,
                RiskLimits.NONE);
    }

    private static long day(String date) {
        return ChronoUnit.DAYS.between(ENROLLED, LocalDate.parse(date));
    }

    private static ExportedEvent event(String type, long day, Map<String, Object> fields) {
        return new ExportedEvent("her", type, day, null, fields);
    }

    /** Entered, exited on 30 April 2023 for this reason, a relapse on that day (if given), observed to the end. */
    private static Outcomes.FollowUp followUp(String reason, String relapseOn, String end, TimeGranularity unit) {
        List<ExportedEvent> events = new java.util.ArrayList<>(List.of(
                event("observation-started", 0, Map.of("state", "NONE", "programmes", List.of())),
                event("participant-enrolled", 0, Map.of()),
                event("programme-entered", 10, Map.of("programme", "programme-p", "reentry", false)),
                event(
                        "programme-exited",
                        day("2023-04-30"),
                        Map.of("programme", "programme-p", "exitReason", reason))));
        if (relapseOn != null) {
            events.add(event("relapse-recorded", day(relapseOn), Map.of("kind", "OTHER")));
        }
        events.add(event("observation-ended", day(end), Map.of()));
        return Outcomes.of(events, Spells.of(events), study(unit), ENROLLED);
    }

    @Nested
    @DisplayName("given an exit on 30 April 2023, whose ten calendar months end on 29 February 2024")
    class CalendarWindow {

        @Test
        @DisplayName("a return on the window's last day, 305 days later, is within it")
        void lastDayWithin() {
            Outcomes.FollowUp f = followUp("COMPLETED", "2024-02-29", "2025-06-30", TimeGranularity.DAY);
            assertThat(f.daysAtRisk()).isEqualTo(305);
            assertThat(f.returned()).isTrue();
            assertThat(f.returnedWithinTenMonths()).isTrue();
            assertThat(f.followedTenMonths()).isTrue();
        }

        @Test
        @DisplayName("a return the day after is not, and the follow-up is complete")
        void dayAfter() {
            Outcomes.FollowUp f = followUp("COMPLETED", "2024-03-01", "2025-06-30", TimeGranularity.DAY);
            assertThat(f.returnedWithinTenMonths()).isFalse();
            assertThat(f.followedTenMonths()).isTrue();
        }

        @Test
        @DisplayName("observed to the window's last day without a return, she is followed up; a day less, she is not")
        void censored() {
            assertThat(followUp("COMPLETED", null, "2024-02-29", TimeGranularity.DAY)
                            .followedTenMonths())
                    .isTrue();
            Outcomes.FollowUp short_ = followUp("COMPLETED", null, "2024-02-28", TimeGranularity.DAY);
            assertThat(short_.followedTenMonths()).isFalse();
            assertThat(short_.returned()).isFalse();
            assertThat(short_.daysAtRisk()).isEqualTo(304);
        }

        @Test
        @DisplayName("with 30-day months the window is 300 days: the same return is outside it")
        void coarse() {
            assertThat(followUp("COMPLETED", "2024-02-29", "2025-06-30", TimeGranularity.MONTH)
                            .returnedWithinTenMonths())
                    .isFalse();
        }
    }

    @Test
    @DisplayName("an exit to the sex trade is a return on day 0; a transfer or a death is not followed up")
    void reasons() {
        Outcomes.FollowUp returned = followUp("RETURNED_TO_SEX_TRADE", null, "2025-06-30", TimeGranularity.DAY);
        assertThat(returned.returned()).isTrue();
        assertThat(returned.daysAtRisk()).isZero();
        assertThat(followUp("TRANSFERRED", "2023-05-01", "2025-06-30", TimeGranularity.DAY))
                .isNull();
        assertThat(followUp("DIED", null, "2025-06-30", TimeGranularity.DAY)).isNull();
    }

    @Test
    @DisplayName("a relapse on the day she left is a return on day 0")
    void sameDay() {
        Outcomes.FollowUp f = followUp("LEFT_BY_CHOICE", "2023-04-30", "2025-06-30", TimeGranularity.DAY);
        assertThat(f.returned()).isTrue();
        assertThat(f.daysAtRisk()).isZero();
        assertThat(f.exitReason()).isEqualTo("LEFT_BY_CHOICE");
    }
}
