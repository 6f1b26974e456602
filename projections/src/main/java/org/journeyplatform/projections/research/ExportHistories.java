package org.journeyplatform.projections.research;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.journeyplatform.domain.journey.ErasedParticipants;
import org.journeyplatform.domain.journey.JourneyHistory;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.RecordedHistories;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.shared.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a research export's people and histories come from: the candidates of a study (everyone with an entry into one
 * of its programmes, as recorded or as corrected), the erasure ledger (through {@link ErasedParticipants}), and each one's effective history as recorded at
 * a moment, in life order.
 */
final class ExportHistories {

    /**
     * The only personal details of hers an export reads: her year of birth (her age band) and her consents' scopes
     * (whether she consented to the study). The rest stay sealed as they are read, which spares decrypting nearly every
     * event; nothing else personal is ever exported ({@link AnonymisedHistory}).
     */
    static final Set<String> PERSONAL_FIELDS_READ = Set.of("yearOfBirth", "scope");

    /**
     * The only personal detail that decides whether she is left out: her consents' scopes. Her year of birth only
     * places her in an age band, which matters for those not left out, whose whole histories are read next.
     */
    static final Set<String> PERSONAL_FIELDS_DECIDING = Set.of("scope");

    private final RecordedHistories stored;
    private final JdbcClient jdbc;
    private final ErasedParticipants erased;

    ExportHistories(RecordedHistories stored, JdbcClient jdbc, ErasedParticipants erased) {
        this.stored = stored;
        this.jdbc = jdbc;
        this.erased = erased;
    }

    /**
     * Everyone with an entry into one of the study's programmes: as recorded (the scope read model, written with her
     * events), or as corrected (dashboard facts).
     */
    List<String> candidates(Study study) {
        List<String> programmes = List.copyOf(study.programmeIds());
        return jdbc.sql("""
                        SELECT participant_id FROM participant_scope_programme
                         WHERE programme_id IN (:programmes)
                        UNION
                        SELECT participant_id FROM dashboard_fact
                         WHERE kind = 'ENTERED' AND programme_id IN (:programmes)
                        ORDER BY 1""").param("programmes", programmes).query(String.class).list();
    }

    /** Everyone ever erased. */
    Set<String> erasureLedger() {
        Set<String> all = new TreeSet<>();
        erased.all().forEach(id -> all.add(id.toString()));
        return all;
    }

    boolean inErasureLedger(String participantId) {
        return erased.isErased(new ParticipantId(participantId));
    }

    /** Her effective history as recorded at {@code asOf}, in life order; empty when she is no journey. */
    List<RecordedEvent> lifeOrder(String participantId, Instant asOf) {
        return lifeOrders(List.of(participantId), asOf).get(participantId);
    }

    /**
     * The effective history of each as recorded at {@code asOf}, in life order (empty for one who is no journey), read
     * from the store together ({@link RecordedHistories}).
     */
    Map<String, List<RecordedEvent>> lifeOrders(List<String> participantIds, Instant asOf) {
        Map<String, RecordedHistories.RecordedHistory> recorded = histories(participantIds, asOf, null);
        Map<String, List<RecordedEvent>> lifeOrders = new HashMap<>();
        for (String participantId : participantIds) {
            lifeOrders.put(participantId, lifeOrder(recorded.get(participantId), null));
        }
        return lifeOrders;
    }

    /**
     * The recorded history of each as recorded at {@code asOf}, of the given kinds of events (all: null), read from the
     * store together, not yet opened: none for one who is no journey ({@link #lifeOrder} of it is empty). Of her
     * personal details, {@link #PERSONAL_FIELDS_READ} are opened.
     */
    Map<String, RecordedHistories.RecordedHistory> histories(
            List<String> participantIds, Instant asOf, Set<Class<? extends JourneyEvent>> kinds) {
        return histories(participantIds, asOf, kinds, PERSONAL_FIELDS_READ);
    }

    /** As {@link #histories(List, Instant, Set)}, opening only the named personal details (a subset of those read). */
    Map<String, RecordedHistories.RecordedHistory> histories(
            List<String> participantIds,
            Instant asOf,
            Set<Class<? extends JourneyEvent>> kinds,
            Set<String> personalFieldsRead) {
        if (!PERSONAL_FIELDS_READ.containsAll(personalFieldsRead)) {
            throw new IllegalArgumentException("An export reads no personal detail but " + PERSONAL_FIELDS_READ);
        }
        return stored.recordedUpTo(participantIds, asOf, personalFieldsRead, kinds);
    }

    /**
     * Her effective history in life order (empty when she is no journey: none read, or not begun by her enrolment),
     * made of her events of the given kinds only, or of all of them ({@code kinds} null). Corrections and retractions
     * apply to the events they name, so the events of some kinds come out exactly as they do among all of hers,
     * provided the kinds include corrections, retractions and her enrolment.
     */
    static List<RecordedEvent> lifeOrder(
            RecordedHistories.RecordedHistory recorded, Set<Class<? extends JourneyEvent>> kinds) {
        if (recorded == null || recorded.firstKind() != ParticipantEnrolledEvent.class) {
            return List.of();
        }
        List<RecordedEvent> history = kinds == null ? recorded.all() : recorded.only(kinds);
        return JourneyHistory.effective(history).stream()
                .sorted(RecordedEvent.LIFE_ORDER)
                .toList();
    }
}
