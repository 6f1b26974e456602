package org.journeyplatform.projections.research;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A registered study, as an export needs it: which programmes and period it covers, which consent scope covers it,
 * which quasi-identifiers it may receive (in a fixed order; the enrolment year only when dates are given as days
 * since enrolment), how dates are given and the k of k-anonymity. Its secret
 * is kept apart (wrapped in the key store) and handed to the export on its own.
 */
public record Study(
        String studyId,
        String title,
        String ethicsApprovalReference,
        Set<String> programmeIds,
        LocalDate periodFrom,
        LocalDate periodTo,
        List<QuasiIdentifier> quasiIdentifiers,
        DateMode dateMode,
        int k,
        String consentScope,
        LocalDate expiresOn) {

    public Study {
        Objects.requireNonNull(studyId, "studyId");
        programmeIds = Set.copyOf(programmeIds);
        // always in the enum's order, whatever order they were given in
        quasiIdentifiers = quasiIdentifiers.stream().distinct().sorted().toList();
        if (k < 2) {
            throw new IllegalArgumentException("k is at least 2");
        }
        if (dateMode == DateMode.SHIFTED && quasiIdentifiers.contains(QuasiIdentifier.ENROLMENT_YEAR)) {
            // her real enrolment year beside her shifted enrolment date would narrow down her shift
            throw new IllegalArgumentException("ENROLMENT_YEAR is only for studies with days since enrolment");
        }
        if (periodFrom.isAfter(periodTo)) {
            throw new IllegalArgumentException("the period ends before it begins");
        }
    }

    /** Whether the study has expired on that day (it is valid up to and including its expiry date). */
    public boolean expiredOn(LocalDate day) {
        return day.isAfter(expiresOn);
    }
}
