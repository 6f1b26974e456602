package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The codebook")
class CodebookTest {

    private static Study study(DateMode mode, List<QuasiIdentifier> quasiIdentifiers) {
        return new Study(
                "s",
                "Five-year evaluation",
                "REC-2025-017",
                Set.of("p"),
                LocalDate.parse("2023-01-01"),
                LocalDate.parse("2024-12-31"),
                quasiIdentifiers,
                mode,
                5,
                "scope",
                LocalDate.parse("2027-01-01"));
    }

    @Test
    @DisplayName("describes every event type an export can hold, and no personal field")
    void everyEventType() {
        Codebook codebook = new Codebook(study(DateMode.DAYS_SINCE_ENROLMENT, List.of(QuasiIdentifier.values())));
        assertThat(codebook.eventTypes())
                .extracting(Codebook.EventType::type)
                .contains(
                        "observation-started",
                        "participant-enrolled",
                        "programme-entered",
                        "programme-exited",
                        "module-attended",
                        "module-completed",
                        "relapse-recorded",
                        "milestone-reached",
                        "reunification-plan-opened",
                        "reunification-step-recorded",
                        "reunification-plan-closed",
                        "peer-mentor-assigned",
                        "peer-mentor-assignment-ended",
                        "peer-session-attended",
                        "assessment-recorded",
                        "goal-set",
                        "goal-progress-noted",
                        "goal-achieved",
                        "goal-dropped",
                        "safety-plan-created",
                        "safety-plan-reviewed",
                        "protection-order-noted",
                        "support-network-helper-added",
                        "support-network-helper-removed",
                        "observation-ended");
        assertThat(codebook.eventTypes())
                .flatExtracting(Codebook.EventType::fields)
                .extracting(Codebook.Field::name)
                .doesNotContainAnyElementsOf(org.journeyplatform.domain.shared.PersonalDataFields.names());
    }

    @Test
    @DisplayName("the enrolment year is refused beside shifted dates")
    void enrolmentYearOnlyWithDays() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> study(DateMode.SHIFTED, List.of(QuasiIdentifier.ENROLMENT_YEAR)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("lists only the study's quasi-identifiers as columns, and dates only when the study gets them")
    void columnsFollowTheStudy() {
        Codebook daysOnly = new Codebook(study(DateMode.DAYS_SINCE_ENROLMENT, List.of(QuasiIdentifier.AGE_BAND)));
        Codebook.FileSpec persons = daysOnly.files().stream()
                .filter(f -> f.name().equals("persons.csv"))
                .findFirst()
                .orElseThrow();
        assertThat(persons.columns())
                .extracting(Codebook.Field::name)
                .containsExactly("participant", "age_band", "observation_start_day", "observation_end_day");
        assertThat(daysOnly.markdown())
                .doesNotContain("`date`", "`enrolled_on`")
                .contains("# Codebook: Five-year");
        Codebook shifted = new Codebook(study(DateMode.SHIFTED, List.of()));
        assertThat(shifted.commonEventFields())
                .extracting(Codebook.Field::name)
                .containsExactly("position", "participant", "type", "day", "date");
    }
}
