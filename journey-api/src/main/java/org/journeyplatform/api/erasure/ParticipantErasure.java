package org.journeyplatform.api.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.journey.EraseParticipantCommand;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.journeyplatform.infra.crypto.Erasures;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.journeyplatform.projections.participants.ParticipantDirectoryProjection;
import org.journeyplatform.projections.summary.ParticipantSummaryProjection;
import org.journeyplatform.projections.timeline.ParticipantTimelineProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases a participant (crypto-shredding, docs/adr/0010-crypto-shredding.md), in an order that survives a crash at any
 * step: (1) the erasure goes into the ledger, with who and why; (2) her journey records that she was erased (no
 * personal data in that event) and refuses anything further; (3) her data key is destroyed, so her personal data in
 * events, snapshots and everything rebuilt from them reads as "erased"; (4) her snapshots and her journey held in
 * memory are dropped (and plaintext break-glass reasons blanked: in grants made before reasons were sealed, and in
 * break-glass answers kept for retries).
 * The directory and the timeline are blanked at once, and again when their projections see the erasure event. Start-up re-applies the
 * ledger ({@link ErasureLedger}), which also finishes an erasure that was cut short.
 */
@Component
public class ParticipantErasure {

    public record Erasure(String participantId, Instant erasedAt, String erasedBy, String reason) {}

    private final JdbcClient jdbc;
    private final Erasures ledger;
    private final CommandGateway commands;
    private final ParticipantKeys keys;
    private final EventStoreDirectory directory;
    private final Cache journeyCache;
    private final Clock clock;
    private final ParticipantDirectoryProjection directoryProjection;
    private final ParticipantTimelineProjection timelineProjection;
    private final ParticipantSummaryProjection summaryProjection;
    private final org.journeyplatform.projections.work.WorkForTodayProjection workProjection;

    public ParticipantErasure(
            JdbcClient jdbc,
            Erasures ledger,
            CommandGateway commands,
            ParticipantKeys keys,
            EventStoreDirectory directory,
            Cache journeyCache,
            Clock clock,
            ParticipantDirectoryProjection directoryProjection,
            ParticipantTimelineProjection timelineProjection,
            ParticipantSummaryProjection summaryProjection,
            org.journeyplatform.projections.work.WorkForTodayProjection workProjection) {
        this.directoryProjection = directoryProjection;
        this.timelineProjection = timelineProjection;
        this.summaryProjection = summaryProjection;
        this.workProjection = workProjection;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.commands = commands;
        this.keys = keys;
        this.directory = directory;
        this.journeyCache = journeyCache;
        this.clock = clock;
    }

    /** Erases her; erasing her again changes nothing and answers with the first erasure. */
    public Erasure erase(ParticipantId participantId, String reason, String erasedBy) {
        if (reason == null || !org.journeyplatform.domain.shared.VisibleText.hasVisible(reason)) {
            throw new ApiProblem(
                    ProblemType.VALIDATION_FAILED,
                    "An erasure needs a reason (e.g. 'request under "
                            + "GDPR article 17' or 'retention period ended'); do not put her name in it.");
        }
        if (reason.length() > 500) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "The reason is at most 500 characters.");
        }
        if (!directory.isEnrolled(participantId)
                && find(participantId.toString()).isEmpty()) {
            throw new ApiProblem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant has this id.");
        }
        ledger.enter(
                participantId.toString(),
                clock.instant(),
                erasedBy,
                org.journeyplatform.domain.shared.VisibleText.strip(reason));
        complete(participantId);
        return find(participantId.toString()).orElseThrow();
    }

    /** Steps (2) to (4), each safe to repeat. */
    void complete(ParticipantId participantId) {
        if (directory.isEnrolled(participantId) && !erasureRecorded(participantId)) {
            commands.sendAndWait(new EraseParticipantCommand(participantId, OccurredOn.on(LocalDate.now(clock))));
        }
        keys.destroy(participantId.toString());
        // the read models blank her now, not when their projections reach her erasure event: no read serves her
        // personal data once the erasure has answered (the projections blank her again when they get there)
        directoryProjection.forget(participantId.toString());
        timelineProjection.forget(participantId.toString());
        summaryProjection.forget(participantId.toString());
        workProjection.forget(participantId.toString());
        // break-glass reasons of grants made before they were sealed with her key (V15): free text that may name her
        jdbc.sql("UPDATE break_glass_grant SET reason = NULL WHERE participant_id = ? AND reason IS NOT NULL")
                .param(participantId.toString())
                .update();
        // a break-glass answer kept for retries of its Idempotency-Key carries the reason in plain text: drop its body
        jdbc.sql("""
                        UPDATE idempotency_record SET body = NULL
                         WHERE position(convert_to(?, 'UTF8') in body) > 0
                           AND position(convert_to('"grantId"', 'UTF8') in body) > 0""").param("\"participantId\":\"" + participantId + "\"").update();
        directory.dropSnapshots(participantId.toString());
        journeyCache.remove(participantId.toString());
    }

    boolean erasureRecorded(ParticipantId participantId) {
        return directory
                .latestEventOf(participantId.toString(), ParticipantErasedEvent.class)
                .isPresent();
    }

    public Optional<Erasure> find(String participantId) {
        return ledger.find(participantId).map(ParticipantErasure::erasure);
    }

    public List<Erasure> ledger(int limit, int offset) {
        return ledger.page(limit, offset).stream()
                .map(ParticipantErasure::erasure)
                .toList();
    }

    private static Erasure erasure(Erasures.Entry entry) {
        return new Erasure(entry.participantId(), entry.erasedAt(), entry.erasedBy(), entry.reason());
    }
}
