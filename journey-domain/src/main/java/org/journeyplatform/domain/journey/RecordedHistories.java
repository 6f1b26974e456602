package org.journeyplatform.domain.journey;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The recorded histories of many journeys, read together: what reads every journey of a study (the research export)
 * asks here rather than reading them one by one, so that a batch of journeys costs one read of the store, not one each.
 * Implemented where the events are stored, so read models need not know how.
 */
public interface RecordedHistories {

    /**
     * Each journey's recorded history up to {@code asOf}, read from the store with one statement for the batch but
     * opened (deserialised, her details decrypted) only as a caller asks for its events, and with only the named
     * personal fields opened (a field of that name on any event, or a correction's value for it). Every other personal
     * field is left sealed, without decrypting it, and reads as it does after her erasure
     * ({@link org.journeyplatform.domain.shared.PersonalData#ERASED} for text, null otherwise; a corrected value for it
     * is left out of the correction). For a reader that needs few of her details, and for some journeys few of her
     * events (a research export decides who it leaves out from her enrolment, stays, consents and corrections); what
     * it reads of the fields it did not name is not hers, and must not be shown or kept. Ask each history on the
     * thread that read it.
     * <p>
     * Each history holds her events as recorded up to {@code asOf} (events stored later are left out), in the order
     * they were recorded, as stored (corrections and retractions are events of their own; nothing is applied). An id
     * with no journey event recorded by then (no journey, another aggregate's id) has no entry; a repeated id is read
     * once. A reader that opens every personal field ({@code PersonalDataFields.names()}) and every kind reads them as
     * any read of her journey does.
     *
     * @param participantIds at most a few hundred at a time
     * @param kinds the kinds of events the caller will ask for, which may be all that is read (then
     *     {@link RecordedHistory#all()} may hold those and her first event only); null for every kind
     */
    Map<String, RecordedHistory> recordedUpTo(
            List<String> participantIds,
            Instant asOf,
            java.util.Set<String> personalFieldsRead,
            java.util.Set<Class<? extends org.journeyplatform.domain.journey.event.JourneyEvent>> kinds);

    /** One journey's recorded events, in the order they were recorded; each event is opened once, when first asked. */
    interface RecordedHistory {

        /** Her events of these kinds only (the others are not opened). */
        List<RecordedEvent> only(
                java.util.Set<Class<? extends org.journeyplatform.domain.journey.event.JourneyEvent>> kinds);

        /** All her events read (of every kind, unless the read was of some kinds). */
        List<RecordedEvent> all();

        /** The kind of her first recorded event. */
        Class<?> firstKind();
    }
}
