package org.journeyplatform.api.participants;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.api.security.ParticipantAccess;
import org.journeyplatform.domain.shared.ParticipantId;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every journey command endpoint does: resolve the participant (a UUID naming an enrolled journey, else 404),
 * honour If-Match, send the command and wait for it to be stored, and answer 201 with her journey's new version as
 * body and ETag.
 */
@Component
public class JourneyCommandSender {

    static final long COMMAND_TIMEOUT_SECONDS = 15;

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final EventStoreDirectory directory;
    private final ParticipantAccess access;

    public JourneyCommandSender(CommandGateway commands, EventStore eventStore, EventStoreDirectory directory,
                                ParticipantAccess access) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.directory = directory;
        this.access = access;
    }

    /**
     * Sends the command built from her id and the expected version, answering 201 with the new version.
     *
     * @param createdId the id of what the command created (a goal, a plan...), or null
     */
    ResponseEntity<CommandAccepted> send(String rawParticipantId, String ifMatch, String createdId,
                                         CommandFactory factory) {
        ParticipantId id = participantId(rawParticipantId);
        Object result = commands.sendAndWait(factory.create(id, expectedVersion(id, ifMatch)), COMMAND_TIMEOUT_SECONDS,
                TimeUnit.SECONDS);
        long version = ((Number) result).longValue();
        return ResponseEntity.created(URI.create("/api/v1/participants/" + id + "/timeline"))
                .eTag(Versions.etag(version)).body(new CommandAccepted(id.toString(), version, createdId));
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
        ParticipantId id = enrolledParticipant(raw);
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !access.mayAccess(user.getName(), id)) {
            throw notFound(id);
        }
        return id;
    }

    /** An enrolled participant, whoever may see her (for break-glass). */
    public ParticipantId enrolledParticipant(String raw) {
        ParticipantId id;
        try {
            id = ParticipantId.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant has this id.");
        }
        if (!directory.isEnrolled(id)) {
            throw notFound(id);
        }
        return id;
    }

    long currentVersion(ParticipantId id) {
        return eventStore.lastSequenceNumberFor(id.toString()).orElseThrow(() -> notFound(id));
    }

    /**
     * The version an If-Match header expects, checked against the event store before the command runs, so a stale
     * version answers 412 even when the command would also break a rule. Axon checks again when the events are
     * appended, which covers a change that slips in between.
     */
    private Long expectedVersion(ParticipantId id, String ifMatch) {
        Long expected = Versions.expectedVersion(ifMatch);
        if (expected != null) {
            long current = currentVersion(id);
            if (current != expected) {
                throw new ConflictingAggregateVersionException(id.toString(), expected, current);
            }
        }
        return expected;
    }

    static ApiProblem notFound(ParticipantId id) {
        return new ApiProblem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant with id " + id + ".");
    }
}
