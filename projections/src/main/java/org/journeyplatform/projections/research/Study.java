package org.journeyplatform.projections.research;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A registered study, as an export needs it: which programmes and period it covers, which consent scope covers it,
 * which quasi-identifiers it may receive (in a fixed order; the enrolment year only when dates are given as days
 * since enrolment), how dates are given, the k of k-anonymity, how finely time values are released and how far each
 * event's time may be displaced, and the re-identification risk it accepts. Its secret is kept apart (wrapped in the
 * key store) and handed to the export on its own.
 *
 * @param granularity      how finely every time value is released
 * @param displacementDays each event's day is moved by up to this many days earlier or later, keeping her events'
 *                         order (0: not displaced); drawn per study and participant from the study secret
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
        LocalDate expiresOn,
        TimeGranularity granularity,
        int displacementDays,
        RiskLimits limits) {

    /** The largest displacement a study may ask for, in days. */
    public static final int MAX_DISPLACEMENT_DAYS = 30;

    /**
     * A study with the terms of those registered before time granularity, displacement and risk limits existed
     * (migration V21): exact days, nothing displaced, no risk limit.
     */
    public Study(
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
        this(
                studyId,
                title,
                ethicsApprovalReference,
                programmeIds,
                periodFrom,
                periodTo,
                quasiIdentifiers,
                dateMode,
                k,
                consentScope,
                expiresOn,
                TimeGranularity.DAY,
                0,
                RiskLimits.NONE);
    }

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
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(limits, "limits");
        if (displacementDays < 0 || displacementDays > MAX_DISPLACEMENT_DAYS) {
            throw new IllegalArgumentException("the displacement is 0 to " + MAX_DISPLACEMENT_DAYS + " days");
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
