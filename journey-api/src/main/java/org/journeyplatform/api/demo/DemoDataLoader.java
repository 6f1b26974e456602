package org.journeyplatform.api.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.journeyplatform.api.access.StaffAssignments;
import org.journeyplatform.domain.peer.PeerRole;
import org.journeyplatform.domain.peer.RegisterPeerCommand;
import org.journeyplatform.domain.programme.CurriculumModule;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.programme.RegisterProgrammeCommand;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Fills an empty platform with a synthetic demo data set: five programmes (one a 20-week group programme with a
 * curriculum), four peers and a few dozen participants with varied journeys that use every kind of event: several
 * entries and exits, re-entries, relapses and returns, milestones, curriculum modules, peer support, assessments,
 * goals, safety plans, support networks, consent, child reunification moving forwards and backwards, a stay recorded
 * late, corrections and retractions; all dated in the past relative to today. Every name is an invented pseudonym and
 * every story is generated: none is a real person's.
 * <p>
 * Runs only with {@code journey.demo-data.enabled=true} (the {@code demo} profile) and only when no participant is
 * enrolled yet, so restarting the demo never duplicates it. Commands go through the command bus like any staff
 * request, so every rule applies; they are recorded as sent by {@code demo-data}. The stories are told by
 * {@link SyntheticJourneys}, which the bulk generator ({@link JourneyGenerator}) shares.
 */
@Component
@ConditionalOnProperty(name = "journey.demo-data.enabled", havingValue = "true")
@org.springframework.core.annotation.Order(10)
public class DemoDataLoader implements ApplicationRunner {

    static final String ACTOR = "demo-data";
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private final CommandGateway commands;
    private final StaffAssignments assignments;
    private final EventStoreDirectory store;
    private final Clock clock;
    private final int participants;
    private final org.journeyplatform.api.erasure.ParticipantErasure erasure;
    private final Random random = new Random(20_261_121L);
    private ProgrammeId peerGroup;
    private List<PeerId> peers;
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    /** Journeys recorded at once: independent of one another, so they are sent side by side. */
    static final int LOADERS = 4;

    public DemoDataLoader(
            CommandGateway commands,
            StaffAssignments assignments,
            EventStoreDirectory store,
            Clock clock,
            org.journeyplatform.api.erasure.ParticipantErasure erasure,
            @Value("${journey.demo-data.participants:400}") int participants) {
        this.erasure = erasure;
        this.commands = commands;
        this.assignments = assignments;
        this.store = store;
        this.clock = clock;
        this.participants = participants;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (alreadyLoaded()) {
            log.info("Demo data: participants are already enrolled, nothing loaded");
            return;
        }
        long started = System.nanoTime();
        List<ProgrammeId> treatment =
                List.of(programme("New Dawn detox and treatment", ProgrammeType.DRUG_AND_ALCOHOL_TREATMENT));
        List<ProgrammeId> others = List.of(
                programme("Harbour House residential programme", ProgrammeType.RESIDENTIAL),
                programme("Street outreach north", ProgrammeType.OUTREACH),
                programme("Court diversion pathway", ProgrammeType.COURT_DIVERSION),
                programme("Sisters in recovery peer group (20 weeks)", ProgrammeType.PEER_GROUP, twentyWeeks()));
        peerGroup = others.get(3);
        peers = List.of(
                peer("Ash", PeerRole.PEER_WORKER, 120),
                peer("Bay", PeerRole.VOLUNTEER_FACILITATOR, 24),
                peer("Cedar", PeerRole.VOLUNTEER_FACILITATOR, 24),
                peer("Dove", PeerRole.SPONSOR, 0));
        assign("caseworker", treatment.get(0), others.get(0), others.get(3));
        assign("outreach-worker", others.get(1), others.get(2));
        assign("peer-worker", others.get(3));
        assign("manager", treatment.get(0), others.get(0), others.get(1), others.get(2), others.get(3));
        LocalDate today = LocalDate.now(clock);
        // every journey is generated first, in order, from the one seeded random (the same data set every time), then
        // the journeys are recorded side by side, each in its own order
        SyntheticJourneys stories = new SyntheticJourneys(
                random,
                UUID::randomUUID,
                today,
                new SyntheticJourneys.Setting(treatment.get(0), others, peerGroup, peers));
        List<List<SyntheticJourneys.Step>> journeys = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            journeys.add(stories.journey(participantId(i), SyntheticJourneys.pseudonym(i), 0));
        }
        record(journeys);
        // one participant asked to be forgotten: her personal data reads as "erased", her journey still counts
        erasure.erase(
                participantId(participants - 1), "Demo: she asked for her data to be erased (GDPR article 17).", ACTOR);
        log.info(
                "Demo data: 5 programmes, 4 peers and {} participants loaded ({} commands) in {} ms",
                participants,
                sent.get(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static ParticipantId participantId(int index) {
        return ParticipantId.of(UUID.nameUUIDFromBytes(("demo-participant-" + index).getBytes()));
    }

    /** Staff work in some programmes: they see the participants who are or were in them. */
    private void assign(String username, ProgrammeId... programmes) {
        for (ProgrammeId programme : programmes) {
            assignments.assign(username, programme.toString(), ACTOR);
        }
    }

    private boolean alreadyLoaded() {
        return store.anyJourney();
    }

    private Optional<String> latestEventOf(ParticipantId id, Class<?> eventType) {
        return store.latestEventOf(id.toString(), eventType);
    }

    /** Sends a step's command; one a rule may refuse in generated data is skipped when refused. */
    private void run(SyntheticJourneys.Step step) {
        if (step instanceof SyntheticJourneys.Send send) {
            if (send.refusable()) {
                tryDispatch(send.command());
            } else {
                dispatch(send.command());
            }
        } else if (step instanceof SyntheticJourneys.Amend amend) {
            latestEventOf(amend.participant(), amend.eventType())
                    .ifPresent(event -> tryDispatch(amend.command().apply(event)));
        }
    }

    private void tryDispatch(Object command) {
        try {
            dispatch(command);
        } catch (JourneyRuleException e) {
            log.debug(
                    "Demo data skipped a {}: {}",
                    command.getClass().getSimpleName(),
                    e.rule().code());
        }
    }

    private ProgrammeId programme(String name, ProgrammeType type) {
        return programme(name, type, List.of());
    }

    private ProgrammeId programme(String name, ProgrammeType type, List<CurriculumModule> curriculum) {
        ProgrammeId id = ProgrammeId.of(UUID.nameUUIDFromBytes(("demo-programme-" + name).getBytes()));
        send(new RegisterProgrammeCommand(id, name, type, curriculum));
        return id;
    }

    /** A 20-week group programme: a six-week module on shame, self-esteem and communication, then a growth circle. */
    static List<CurriculumModule> twentyWeeks() {
        List<CurriculumModule> modules = new ArrayList<>();
        for (int week = 1; week <= 20; week++) {
            modules.add(new CurriculumModule(
                    new ModuleId(String.format("week-%02d", week)),
                    week <= 6
                            ? "Shame, self-esteem and communication (" + week + " of 6)"
                            : "Growth circle (" + (week - 6) + " of 14)",
                    week));
        }
        return modules;
    }

    private PeerId peer(String name, PeerRole role, int trainingHours) {
        PeerId id = PeerId.of(UUID.nameUUIDFromBytes(("demo-peer-" + name).getBytes()));
        send(new RegisterPeerCommand(id, name, role, trainingHours));
        return id;
    }

    private void send(Object command) {
        dispatch(command);
    }

    private void dispatch(Object command) {
        commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MetaDataKeys.ACTOR, ACTOR)));
        sent.incrementAndGet();
    }

    /** Records the journeys, {@link #LOADERS} at once, each one's steps in order; fails if any step fails. */
    private void record(List<List<SyntheticJourneys.Step>> journeys) {
        java.util.concurrent.ExecutorService loaders =
                java.util.concurrent.Executors.newFixedThreadPool(LOADERS, task -> {
                    Thread thread = new Thread(task, "demo-data");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (List<SyntheticJourneys.Step> journey : journeys) {
                done.add(loaders.submit(() -> journey.forEach(this::run)));
            }
            for (java.util.concurrent.Future<?> journey : done) {
                journey.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the demo data", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("Loading the demo data failed", e.getCause());
        } finally {
            loaders.shutdownNow();
        }
    }
}
