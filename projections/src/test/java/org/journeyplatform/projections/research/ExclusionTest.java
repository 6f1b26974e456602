package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.JourneyState.Consent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Whether her consents cover a study on the export date")
class ExclusionTest {

    private static final LocalDate EXPORT = LocalDate.parse("2025-06-01");
    private static final String SCOPE = "peer-evaluation";

    private static Consent consent(ConsentKind kind, String scope, String given, String expires, String withdrawn) {
        return new Consent(
                kind,
                scope,
                LocalDate.parse(given),
                LocalDate.parse(expires),
                withdrawn == null ? null : LocalDate.parse(withdrawn));
    }

    @Test
    @DisplayName("an active research consent of exactly the study's scope covers it, up to its last day")
    void covered() {
        assertThat(Exclusion.byConsent(
                        List.of(consent(ConsentKind.RESEARCH, SCOPE, "2024-01-01", "2025-06-01", null)), SCOPE, EXPORT))
                .isEmpty();
    }

    @Test
    @DisplayName("no consent, a service consent or a research consent of another scope: no-consent")
    void noConsent() {
        assertThat(Exclusion.byConsent(List.of(), SCOPE, EXPORT)).contains(Exclusion.NO_CONSENT);
        assertThat(Exclusion.byConsent(
                        List.of(
                                consent(ConsentKind.SERVICE, SCOPE, "2024-01-01", "2026-01-01", null),
                                consent(ConsentKind.RESEARCH, "all-research", "2024-01-01", "2026-01-01", null)),
                        SCOPE,
                        EXPORT))
                .contains(Exclusion.NO_CONSENT);
    }

    @Test
    @DisplayName("expired the day before the export: expired; withdrawn: withdrawn, even when also expired")
    void expiredOrWithdrawn() {
        assertThat(Exclusion.byConsent(
                        List.of(consent(ConsentKind.RESEARCH, SCOPE, "2024-01-01", "2025-05-31", null)), SCOPE, EXPORT))
                .contains(Exclusion.EXPIRED);
        assertThat(Exclusion.byConsent(
                        List.of(
                                consent(ConsentKind.RESEARCH, SCOPE, "2024-01-01", "2026-01-01", "2025-03-01"),
                                consent(ConsentKind.RESEARCH, SCOPE, "2020-01-01", "2021-01-01", null)),
                        SCOPE,
                        EXPORT))
                .contains(Exclusion.WITHDRAWN);
    }

    @Test
    @DisplayName("a new consent after a withdrawal covers the study again")
    void givenAgain() {
        assertThat(Exclusion.byConsent(
                        List.of(
                                consent(ConsentKind.RESEARCH, SCOPE, "2024-01-01", "2026-01-01", "2025-03-01"),
                                consent(ConsentKind.RESEARCH, SCOPE, "2025-04-01", "2026-04-01", null)),
                        SCOPE,
                        EXPORT))
                .isEmpty();
    }
}
