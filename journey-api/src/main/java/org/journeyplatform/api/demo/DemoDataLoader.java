package org.journeyplatform.api.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.ArrayList;
import org.journeyplatform.api.access.StaffAssignments;
import org.journeyplatform.domain.journey.AddSupportNetworkHelperCommand;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.AssignPeerMentorCommand;
import org.journeyplatform.domain.journey.CloseReunificationPlanCommand;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.CorrectEventCommand;
import org.journeyplatform.domain.journey.CreateSafetyPlanCommand;
import org.journeyplatform.domain.journey.DropGoalCommand;
import org.journeyplatform.domain.journey.EndPeerMentorAssignmentCommand;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.GiveConsentCommand;
import org.journeyplatform.domain.journey.HelperKind;
import org.journeyplatform.domain.journey.MarkGoalAchievedCommand;
import org.journeyplatform.domain.journey.NoteGoalProgressCommand;
import org.journeyplatform.domain.journey.NoteProtectionOrderCommand;
import org.journeyplatform.domain.journey.OpenReunificationPlanCommand;
import org.journeyplatform.domain.journey.PeerSessionKind;
import org.journeyplatform.domain.journey.ProtectionOrderKind;
import org.journeyplatform.domain.journey.RecordAssessmentCommand;
import org.journeyplatform.domain.journey.RecordModuleAttendanceCommand;
import org.journeyplatform.domain.journey.RecordModuleCompletionCommand;
import org.journeyplatform.domain.journey.RecordPastProgrammeStayCommand;
import org.journeyplatform.domain.journey.RecordPeerSessionCommand;
import org.journeyplatform.domain.journey.RecordReunificationStepCommand;
import org.journeyplatform.domain.journey.RemoveSupportNetworkHelperCommand;
import org.journeyplatform.domain.journey.RetractEventCommand;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.ReviewSafetyPlanCommand;
import org.journeyplatform.domain.journey.SetGoalCommand;
import org.journeyplatform.domain.journey.UpdateProfileDetailsCommand;
import org.journeyplatform.domain.journey.WithdrawConsentCommand;
import org.journeyplatform.domain.peer.PeerRole;
import org.journeyplatform.domain.peer.RegisterPeerCommand;
import org.journeyplatform.domain.programme.CurriculumModule;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.SafetyPlanId;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.journeyplatform.domain.journey.EnrolParticipantCommand;
import org.journeyplatform.domain.journey.EnterProgrammeCommand;
import org.journeyplatform.domain.journey.ExitProgrammeCommand;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.RecordMilestoneCommand;
import org.journeyplatform.domain.journey.RecordRelapseCommand;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.RelapseSeverity;
import org.journeyplatform.domain.journey.SupportKind;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.programme.RegisterProgrammeCommand;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * request, so every rule applies; they are recorded as sent by {@code demo-data}.
 */
@Component
@ConditionalOnProperty(name = "journey.demo-data.enabled", havingValue = "true")
@org.springframework.core.annotation.Order(10)
public class DemoDataLoader implements ApplicationRunner {

    static final String ACTOR = "demo-data";
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final List<String> PSEUDONYMS = List.of("Wren", "Juniper", "Marigold", "Robin", "Sage", "Hazel",
            "Ivy", "Willow", "Fern", "Clover", "Lark", "Poppy", "Aster", "Briar", "Dahlia", "Elm", "Finch", "Heather",
            "Iris", "Jasmine", "Linden", "Maple", "Nova", "Opal", "Pearl", "Rowan", "Saffron", "Tansy", "Violet",
            "Yarrow", "Zinnia", "Bramble", "Kestrel", "Laurel", "Meadow", "Sorrel");
    private static final List<String> OWN_WORDS = List.of("Walked my daughter to school", "Opened a bank account",
            "Spoke at the peer group for the first time", "Cooked dinner for my sister", "Finished a first-aid course");

    private final CommandGateway commands;
    private final StaffAssignments assignments;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int participants;
    private final org.journeyplatform.api.erasure.ParticipantErasure erasure;
    private static final List<String> GOALS = List.of("Find a flat of my own", "See my son every week",
            "Finish my GED", "Stay clean through the winter", "Get a job at the bakery", "Keep working safely");
    private static final List<String> CHILDREN = List.of("Little Bear", "Sparrow", "Button", "Pip");
    private final Random random = new Random(20_261_121L);
    private ProgrammeId peerGroup;
    private List<PeerId> peers;
    private final List<Object> planned = new ArrayList<>();
    /** The steps of the journey being generated, run later (null: send at once, as for programmes and peers). */
    private List<Runnable> script;
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    /** Journeys recorded at once: independent of one another, so they are sent side by side. */
    static final int LOADERS = 4;

    public DemoDataLoader(CommandGateway commands, StaffAssignments assignments, JdbcClient jdbc, Clock clock,
                          org.journeyplatform.api.erasure.ParticipantErasure erasure,
                          @Value("${journey.demo-data.participants:400}") int participants) {
        this.erasure = erasure;
        this.commands = commands;
        this.assignments = assignments;
        this.jdbc = jdbc;
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
        List<ProgrammeId> treatment = List.of(programme("New Dawn detox and treatment",
                ProgrammeType.DRUG_AND_ALCOHOL_TREATMENT));
        List<ProgrammeId> others = List.of(
                programme("Harbour House residential programme", ProgrammeType.RESIDENTIAL),
                programme("Street outreach north", ProgrammeType.OUTREACH),
                programme("Court diversion pathway", ProgrammeType.COURT_DIVERSION),
                programme("Sisters in recovery peer group (20 weeks)", ProgrammeType.PEER_GROUP, twentyWeeks()));
        peerGroup = others.get(3);
        peers = List.of(peer("Ash", PeerRole.PEER_WORKER, 120), peer("Bay", PeerRole.VOLUNTEER_FACILITATOR, 24),
                peer("Cedar", PeerRole.VOLUNTEER_FACILITATOR, 24), peer("Dove", PeerRole.SPONSOR, 0));
        assign("caseworker", treatment.get(0), others.get(0), others.get(3));
        assign("outreach-worker", others.get(1), others.get(2));
        assign("peer-worker", others.get(3));
        assign("manager", treatment.get(0), others.get(0), others.get(1), others.get(2), others.get(3));
        LocalDate today = LocalDate.now(clock);
        // every journey is generated first, in order, from the one seeded random (the same data set every time), then
        // the journeys are recorded side by side, each in its own order
        List<List<Runnable>> journeys = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            script = new ArrayList<>();
            journey(i, today, treatment.get(0), others);
            journeys.add(script);
        }
        script = null;
        record(journeys);
        // one participant asked to be forgotten: her personal data reads as "erased", her journey still counts
        erasure.erase(participantId(participants - 1), "Demo: she asked for her data to be erased (GDPR article 17).",
                ACTOR);
        log.info("Demo data: 5 programmes, 4 peers and {} participants loaded ({} commands) in {} ms", participants,
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
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE type = 'Journey' AND sequence_number = 0")
                .query(Long.class).single() > 0;
    }

    private void journey(int index, LocalDate today, ProgrammeId treatment, List<ProgrammeId> others) {
        ParticipantId id = participantId(index);
        String name = PSEUDONYMS.get(index % PSEUDONYMS.size()) + (index < PSEUDONYMS.size() ? "" : " " + (index / PSEUDONYMS.size() + 1));
        LocalDate day = today.minusDays(90 + random.nextInt(1700));
        send(new EnrolParticipantCommand(id, name, random.nextInt(4) == 0 ? null : 1968 + random.nextInt(36),
                pick(ReferralSource.values()), OccurredOn.on(day), null, null, null));

        LocalDate enrolled = day;
        List<Stay> stays = stays(id, day, today, treatment, others);
        extras(id, enrolled, today, stays);
    }

    /** One stay in a programme; {@code exit} is null while she is still in it. */
    private record Stay(ProgrammeId programme, LocalDate entry, LocalDate exit) {
    }

    private List<Stay> stays(ParticipantId id, LocalDate day, LocalDate today, ProgrammeId treatment,
                             List<ProgrammeId> others) {
        List<Stay> recorded = new ArrayList<>();
        int stays = 1 + random.nextInt(4);
        ProgrammeId previous = null;
        for (int stay = 0; stay < stays; stay++) {
            // treatment usually comes first; later stays are elsewhere, or a re-entry into the last programme
            ProgrammeId programme = stay == 0 && random.nextInt(10) < 7 ? treatment
                    : previous != null && random.nextInt(4) == 0 ? previous : others.get(random.nextInt(others.size()));
            LocalDate entry = day.plusDays(random.nextInt(40));
            if (entry.isAfter(today)) {
                return recorded;
            }
            plan(new EnterProgrammeCommand(id, programme, OccurredOn.on(entry),
                    random.nextInt(5) == 0 ? "Settled in well; asked for a peer mentor" : null, null));
            LocalDate exit = entry.plusDays(14 + random.nextInt(320));
            milestones(id, entry, exit.isAfter(today) ? today : exit);
            if (exit.isAfter(today)) {
                recorded.add(new Stay(programme, entry, null));
                return recorded; // still in this programme today
            }
            ExitReason reason = exitReason();
            plan(new ExitProgrammeCommand(id, programme, OccurredOn.on(exit), reason, null, null));
            recorded.add(new Stay(programme, entry, exit));
            day = exit;
            if (random.nextInt(2) == 0) { // a relapse or return, most often within the first months after exit
                LocalDate relapse = exit.plusDays(3 + random.nextInt(reason == ExitReason.RETURNED_TO_SEX_TRADE ? 30 : 300));
                if (!relapse.isAfter(today)) {
                    plan(new RecordRelapseCommand(id, OccurredOn.on(relapse), pick(RelapseKind.values()),
                            pick(RelapseSeverity.values()), support(), null, null));
                    day = relapse;
                }
            }
            previous = programme;
        }
        return recorded;
    }

    /**
     * The rest of a journey, so that the demo shows every kind of event: consent, profile, curriculum modules, peer
     * support, assessments (ORS readings that mostly rise), goals in her words, safety, her support network, child
     * reunification moving forwards and backwards, a stay recorded late, corrections and retractions.
     */
    private void extras(ParticipantId id, LocalDate enrolled, LocalDate today, List<Stay> stays) {
        long span = Math.max(1, today.toEpochDay() - enrolled.toEpochDay());
        if (random.nextInt(10) < 8) {
            plan(new GiveConsentCommand(id, ConsentId.random(), ConsentKind.SERVICE, "service",
                    enrolled.plusYears(3), OccurredOn.on(enrolled), null));
        }
        if (random.nextInt(10) < 6) {
            ConsentId research = ConsentId.random();
            plan(new GiveConsentCommand(id, research, ConsentKind.RESEARCH, "all-research",
                    enrolled.plusYears(2 + random.nextInt(4)), OccurredOn.on(enrolled.plusDays(random.nextInt(10))), null));
            if (random.nextInt(7) == 0) {
                plan(new WithdrawConsentCommand(id, research, OccurredOn.on(within(enrolled.plusDays(11), today)), null, null));
            }
        }
        if (random.nextInt(10) < 3) {
            plan(new UpdateProfileDetailsCommand(id, null, null, pick(AgeBand.values()), pick(GenderIdentity.values()),
                    random.nextInt(2) == 0 ? 14 + random.nextInt(12) : null, null, OccurredOn.on(within(enrolled, today)),
                    null));
        }
        for (Stay stay : stays) {
            if (stay.programme().equals(peerGroup)) {
                LocalDate end = stay.exit() == null ? today : stay.exit();
                for (int week = 1; week <= 20; week++) {
                    LocalDate on = stay.entry().plusWeeks(week - 1).plusDays(1);
                    if (on.isAfter(end)) {
                        break;
                    }
                    ModuleId module = new ModuleId(String.format("week-%02d", week));
                    plan(new RecordModuleAttendanceCommand(id, peerGroup, module, OccurredOn.on(on), null));
                    if (week == 6 || week == 20) {
                        plan(new RecordModuleCompletionCommand(id, peerGroup, module, OccurredOn.on(on), null));
                    }
                }
            }
        }
        if (random.nextInt(2) == 0) {
            PeerId peer = peers.get(random.nextInt(peers.size()));
            LocalDate assigned = within(enrolled, today);
            plan(new AssignPeerMentorCommand(id, peer, OccurredOn.on(assigned), null));
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                plan(new RecordPeerSessionCommand(id, peer, PeerSessionKind.ONE_TO_ONE, 30 + random.nextInt(60),
                        null, OccurredOn.on(within(assigned, today)), null));
            }
            if (random.nextInt(2) == 0) {
                plan(new EndPeerMentorAssignmentCommand(id, peer, null, OccurredOn.on(within(assigned, today)), null));
            }
        }
        if (random.nextInt(3) == 0) {
            plan(new RecordPeerSessionCommand(id, null, PeerSessionKind.GROUP, 90, null,
                    OccurredOn.on(within(enrolled, today)), null));
        }
        int readings = 1 + random.nextInt(4);
        int level = 8 + random.nextInt(10);
        for (int i = 0; i < readings; i++) { // ORS readings over time, mostly rising
            LocalDate on = enrolled.plusDays(span * i / readings);
            level = Math.max(0, Math.min(40, level + random.nextInt(9) - 2));
            plan(new RecordAssessmentCommand(id, new InstrumentCode("ors"), ors(level), OccurredOn.on(on), null));
        }
        if (random.nextInt(3) == 0) {
            Map<String, Integer> movers = new LinkedHashMap<>();
            for (int item = 1; item <= 13; item++) {
                movers.put("item-" + item, 1 + random.nextInt(5));
            }
            plan(new RecordAssessmentCommand(id, new InstrumentCode("movers"), movers,
                    OccurredOn.on(within(enrolled, today)), null));
        }
        if (random.nextInt(4) == 0) {
            plan(new RecordAssessmentCommand(id, new InstrumentCode("ladder"), Map.of("score", 1 + random.nextInt(10)),
                    OccurredOn.on(within(enrolled, today)), null));
        }
        if (random.nextInt(10) < 7) {
            GoalId goal = GoalId.random();
            LocalDate set = within(enrolled, today);
            plan(new SetGoalCommand(id, goal, GOALS.get(random.nextInt(GOALS.size())), OccurredOn.on(set), null));
            LocalDate progress = within(set, today);
            plan(new NoteGoalProgressCommand(id, goal, "Took the first step", OccurredOn.on(progress), null));
            int outcome = random.nextInt(3);
            if (outcome == 0) {
                plan(new MarkGoalAchievedCommand(id, goal, null, OccurredOn.on(within(progress, today)), null));
            } else if (outcome == 1) {
                plan(new DropGoalCommand(id, goal, "Other things matter more to her now",
                        OccurredOn.on(within(progress, today)), null));
            }
        }
        if (random.nextInt(10) < 4) {
            SafetyPlanId plan = SafetyPlanId.random();
            LocalDate made = within(enrolled, today);
            plan(new CreateSafetyPlanCommand(id, plan, "Who to call; where the spare key is; a safe route home",
                    OccurredOn.on(made), null));
            if (random.nextInt(2) == 0) {
                plan(new ReviewSafetyPlanCommand(id, plan, null, OccurredOn.on(within(made, today)), null));
            }
        }
        if (random.nextInt(7) == 0) {
            LocalDate noted = within(enrolled, today);
            plan(new NoteProtectionOrderCommand(id, pick(ProtectionOrderKind.values()), noted.plusYears(1), null,
                    OccurredOn.on(noted), null));
        }
        if (random.nextInt(10) < 6) {
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                HelperId helper = HelperId.random();
                LocalDate added = within(enrolled, today);
                plan(new AddSupportNetworkHelperCommand(id, helper, pick(HelperKind.values()), null,
                        OccurredOn.on(added), null));
                if (random.nextInt(5) == 0) {
                    plan(new RemoveSupportNetworkHelperCommand(id, helper, null, OccurredOn.on(within(added, today)),
                            null));
                }
            }
        }
        if (random.nextInt(3) == 0) {
            reunification(id, enrolled, today);
        }
        flush(); // everything so far, in the order it happened
        if (random.nextInt(8) == 0 && stays.stream().noneMatch(s -> s.programme().equals(peerGroup))
                && span > 60) { // a stay she told staff about later, recorded late in one go
            LocalDate entry = enrolled.plusDays(1 + random.nextInt(10));
            trySend(new RecordPastProgrammeStayCommand(id, peerGroup, OccurredOn.on(entry),
                    OccurredOn.on(entry.plusDays(14 + random.nextInt(20))), ExitReason.LEFT_BY_CHOICE, null, null));
        }
        if (random.nextInt(6) == 0) {
            step(() -> latestEventOf(id, "ProgrammeExitedEvent").ifPresent(event -> tryDispatch(new CorrectEventCommand(
                    id, event, Map.of("reason", ExitReason.TRANSFERRED.name()),
                    "The exit was a transfer, not a discharge", null))));
        }
        if (random.nextInt(8) == 0) {
            step(() -> latestEventOf(id, "MilestoneReachedEvent").ifPresent(event -> tryDispatch(new RetractEventCommand(
                    id, event, "Recorded in the wrong participant's record", null))));
        }
    }

    private void reunification(ParticipantId id, LocalDate enrolled, LocalDate today) {
        ReunificationPlanId plan = ReunificationPlanId.random();
        LocalDate on = within(enrolled, today);
        plan(new OpenReunificationPlanCommand(id, plan, CHILDREN.get(random.nextInt(CHILDREN.size())), null,
                OccurredOn.on(on), null));
        ReunificationStep step = ReunificationStep.PLAN_OPENED;
        int steps = 1 + random.nextInt(5);
        for (int i = 0; i <= steps; i++) {
            on = on.plusDays(20 + random.nextInt(90));
            if (on.isAfter(today)) {
                return;
            }
            if (i == steps) { // some plans end without custody: her choice, or another service takes over
                if (random.nextInt(2) == 0) {
                    plan(new CloseReunificationPlanCommand(id, plan, random.nextInt(2) == 0
                            ? ReunificationPlanClosureReason.PARTICIPANT_CHOSE_TO_CLOSE
                            : ReunificationPlanClosureReason.TRANSFERRED_TO_ANOTHER_SERVICE, null, OccurredOn.on(on), null));
                }
                return;
            }
            int next = step.ordinal() + (step.ordinal() > 1 && random.nextInt(4) == 0 ? -1 : 1);
            if (next >= ReunificationStep.values().length) {
                plan(new CloseReunificationPlanCommand(id, plan, ReunificationPlanClosureReason.CUSTODY_RESTORED,
                        null, OccurredOn.on(on), null));
                return;
            }
            step = ReunificationStep.values()[Math.max(1, next)];
            plan(new RecordReunificationStepCommand(id, plan, step, null, OccurredOn.on(on), null));
        }
    }

    private Optional<String> latestEventOf(ParticipantId id, String eventType) {
        return jdbc.sql("""
                        SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?
                           AND payload_type LIKE ? ORDER BY sequence_number DESC LIMIT 1""")
                .params(id.toString(), "%." + eventType).query(String.class).optional();
    }

    private static Map<String, Integer> ors(int total) {
        Map<String, Integer> items = new LinkedHashMap<>();
        String[] codes = {"individually", "interpersonally", "socially", "overall"};
        for (int i = 0; i < 4; i++) {
            items.put(codes[i], Math.min(10, total / 4 + (i < total % 4 ? 1 : 0)));
        }
        return items;
    }

    /** A day between the two, inclusive. */
    private LocalDate within(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return days <= 0 ? from : from.plusDays(random.nextInt((int) Math.min(days, Integer.MAX_VALUE) + 1));
    }

    /** Keeps a command of the journey being generated, to be sent in life order by {@link #flush()}. */
    private void plan(Object command) {
        planned.add(command);
    }

    /**
     * Sends the kept commands in the order things happened (staff mostly record as life goes on), so that only the
     * deliberately late records show as late entries.
     */
    private void flush() {
        planned.stream().sorted(Comparator.comparing(DemoDataLoader::dateOf)).forEach(this::trySend);
        planned.clear();
    }

    private static LocalDate dateOf(Object command) {
        for (String accessor : List.of("occurredOn", "enteredOn")) {
            try {
                return ((OccurredOn) command.getClass().getMethod(accessor).invoke(command)).date();
            } catch (NoSuchMethodException e) {
                // try the next
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(command.getClass().getSimpleName() + " has no date");
    }

    /** Sends a command that may meet a rule in generated data (e.g. dates that collide); the demo skips it. */
    private void trySend(Object command) {
        step(() -> tryDispatch(command));
    }

    private void tryDispatch(Object command) {
        try {
            dispatch(command);
        } catch (JourneyRuleException e) {
            log.debug("Demo data skipped a {}: {}", command.getClass().getSimpleName(), e.rule().code());
        }
    }

    private void milestones(ParticipantId id, LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        int count = days < 30 ? 0 : random.nextInt(3);
        for (int i = 0; i < count; i++) {
            LocalDate on = from.plusDays(1 + random.nextInt((int) days));
            MilestoneType type = pick(MilestoneType.values());
            String words = type == MilestoneType.CUSTOM || random.nextInt(4) == 0
                    ? OWN_WORDS.get(random.nextInt(OWN_WORDS.size())) : null;
            plan(new RecordMilestoneCommand(id, OccurredOn.on(on), type, words, null));
        }
    }

    private ExitReason exitReason() {
        int roll = random.nextInt(100);
        if (roll < 40) {
            return ExitReason.COMPLETED;
        } else if (roll < 60) {
            return ExitReason.LEFT_BY_CHOICE;
        } else if (roll < 70) {
            return ExitReason.TRANSFERRED;
        } else if (roll < 80) {
            return ExitReason.RETURNED_TO_SEX_TRADE;
        } else if (roll < 88) {
            return ExitReason.DISCHARGED;
        } else if (roll < 95) {
            return ExitReason.INCARCERATED;
        }
        return ExitReason.OTHER;
    }

    private Set<SupportKind> support() {
        Set<SupportKind> support = EnumSet.noneOf(SupportKind.class);
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            support.add(pick(SupportKind.values()));
        }
        return support;
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
    private static List<CurriculumModule> twentyWeeks() {
        List<CurriculumModule> modules = new ArrayList<>();
        for (int week = 1; week <= 20; week++) {
            modules.add(new CurriculumModule(new ModuleId(String.format("week-%02d", week)), week <= 6
                    ? "Shame, self-esteem and communication (" + week + " of 6)"
                    : "Growth circle (" + (week - 6) + " of 14)", week));
        }
        return modules;
    }

    private PeerId peer(String name, PeerRole role, int trainingHours) {
        PeerId id = PeerId.of(UUID.nameUUIDFromBytes(("demo-peer-" + name).getBytes()));
        send(new RegisterPeerCommand(id, name, role, trainingHours));
        return id;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private void send(Object command) {
        step(() -> dispatch(command));
    }

    /** A step of the journey being generated, or at once outside one. */
    private void step(Runnable step) {
        if (script == null) {
            step.run();
        } else {
            script.add(step);
        }
    }

    private void dispatch(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetaDataKeys.ACTOR, ACTOR)));
        sent.incrementAndGet();
    }

    /** Records the journeys, {@link #LOADERS} at once, each one's steps in order; fails if any step fails. */
    private void record(List<List<Runnable>> journeys) {
        java.util.concurrent.ExecutorService loaders = java.util.concurrent.Executors.newFixedThreadPool(LOADERS,
                task -> {
                    Thread thread = new Thread(task, "demo-data");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (List<Runnable> journey : journeys) {
                done.add(loaders.submit(() -> journey.forEach(Runnable::run)));
            }
            for (java.util.concurrent.Future<?> journey : done) {
                journey.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the demo data", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Loading the demo data failed", e.getCause());
        } finally {
            loaders.shutdownNow();
        }
    }
}
