package org.journeyplatform.api.participants;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.api.security.ParticipantAccess;
import org.journeyplatform.domain.shared.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What every journey command endpoint does: resolve the participant (a UUID naming an enrolled journey the signed-in
 * staff member may see, else 404: the participant-scope model) and the version If-Match expects, once for all
 * endpoints ({@link JourneyTarget}), send the command with that version (the journey judges it, before any rule: a
 * stale version is a 412), wait for it and answer 201 with her journey's new version as body and ETag.
 * <p>
 * It runs inside the request's transaction ({@code IdempotencyFilter}): the command's events commit with the request's
 * audit entry and idempotency record. An append refused because another instance appended to the same journey first
 * leaves that transaction usable ({@code JourneyEventStorageEngine} skips the taken sequence number instead of failing
 * the statement), so the command is tried again on the fresh journey (at most {@link #ATTEMPTS} times) with no savepoint
 * around it; a journey whose transaction rolls back is evicted from the cache. Within this instance, commands for one journey run one after the other until each one's
 * transaction has ended ({@link JourneyLocks}, taken by the request's transaction filter).
 */
@Component
public class JourneyCommandSender {

    private static final Logger log = LoggerFactory.getLogger(JourneyCommandSender.class);

    static final long COMMAND_TIMEOUT_SECONDS = 15;
    static final int ATTEMPTS = 5;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ParticipantAccess access;
    private final Cache journeyCache;

    public JourneyCommandSender(
            CommandGateway commands, EventStore eventStore, ParticipantAccess access, Cache journeyCache) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.access = access;
        this.journeyCache = journeyCache;
    }

    /**
     * Sends the command built from her id and the expected version, answering 201 with the new version.
     *
     * @param createdId the id of what the command created (a goal, a plan...), or null
     */
    ResponseEntity<CommandAccepted> send(JourneyTarget target, String createdId, CommandFactory factory) {
        ParticipantId id = target.participantId();
        Object command = factory.create(id, target.expectedVersion());
        long version = ((Number) dispatch(id.toString(), command)).longValue();
        return ResponseEntity.created(URI.create("/api/v1/participants/" + id + "/timeline"))
                .eTag(Versions.etag(version))
                .body(new CommandAccepted(id.toString(), version, createdId));
    }

    /**
     * Sends one command and waits for it; in a transaction, trying a conflicting append again.
     */
    Object dispatch(String journeyId, Object command) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return commands.sendAndWait(command, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    journeyCache.remove(journeyId); // it may hold events that were never stored
                }
            }
        });
        boolean reloaded = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                boolean late = org.journeyplatform.infra.axon.JourneyEventStorageEngine.lateAppend(e);
                // an If-Match newer than the journey as this instance holds it: another instance may have recorded
                // since, so the journey is read again from the store once before the version is judged stale
                boolean behind = !reloaded && expectsNewerThanHeld(e);
                if (attempt >= ATTEMPTS || !(late || behind)) {
                    throw e;
                }
                reloaded |= behind;
                journeyCache.remove(journeyId);
                log.debug("Journey {} was changed elsewhere; trying again on the journey as stored", journeyId);
            }
        }
    }

    /** Whether the command expected a newer version of the journey than the one it was judged on. */
    private static boolean expectsNewerThanHeld(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.axonframework.modelling.command.ConflictingAggregateVersionException conflict) {
                return conflict.getExpectedVersion() > conflict.getActualVersion();
            }
        }
        return false;
    }

    /** Builds a command for her journey. */
    @FunctionalInterface
    interface CommandFactory {
        Object create(ParticipantId participantId, Long expectedVersion);
    }

    /**
     * An enrolled participant the signed-in staff member may see: a UUID naming a journey (not a programme, not
     * anything else) within her scope ({@link ParticipantAccess}). Anything else is answered 404, the same whether she
     * does not exist or is out of scope.
     */
    ParticipantId participantId(String raw) {
        ParticipantId id = parse(raw);
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || access.decide(user.getName(), id) != ParticipantAccess.Decision.ALLOWED) {
            throw notFound(id);
        }
        return id;
    }

    /** An enrolled participant, whoever may see her (for break-glass). */
    public ParticipantId enrolledParticipant(String raw) {
        ParticipantId id = parse(raw);
        if (!access.isEnrolled(id)) {
            throw notFound(id);
        }
        return id;
    }

    private static ParticipantId parse(String raw) {
        try {
            return ParticipantId.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant has this id.");
        }
    }

    /** Her journey's current version, for the ETag of a read. */
    long currentVersion(ParticipantId id) {
        return eventStore.lastSequenceNumberFor(id.toString()).orElseThrow(() -> notFound(id));
    }

    static ApiProblem notFound(ParticipantId id) {
        return new ApiProblem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant with id " + id + ".");
    }
}
