package org.journeyplatform.api.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.journeyplatform.domain.journey.AddSupportNetworkHelperCommand;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.AssignPeerMentorCommand;
import org.journeyplatform.domain.journey.CloseReunificationPlanCommand;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.CorrectEventCommand;
import org.journeyplatform.domain.journey.CreateSafetyPlanCommand;
import org.journeyplatform.domain.journey.DropGoalCommand;
import org.journeyplatform.domain.journey.EndPeerMentorAssignmentCommand;
import org.journeyplatform.domain.journey.EnrolParticipantCommand;
import org.journeyplatform.domain.journey.EnterProgrammeCommand;
import org.journeyplatform.domain.journey.ExitProgrammeCommand;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.GiveConsentCommand;
import org.journeyplatform.domain.journey.HelperKind;
import org.journeyplatform.domain.journey.MarkGoalAchievedCommand;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.NoteGoalProgressCommand;
import org.journeyplatform.domain.journey.NoteProtectionOrderCommand;
import org.journeyplatform.domain.journey.OpenReunificationPlanCommand;
import org.journeyplatform.domain.journey.PeerSessionKind;
import org.journeyplatform.domain.journey.ProtectionOrderKind;
import org.journeyplatform.domain.journey.RecordAssessmentCommand;
import org.journeyplatform.domain.journey.RecordMilestoneCommand;
import org.journeyplatform.domain.journey.RecordModuleAttendanceCommand;
import org.journeyplatform.domain.journey.RecordModuleCompletionCommand;
import org.journeyplatform.domain.journey.RecordPastProgrammeStayCommand;
import org.journeyplatform.domain.journey.RecordPeerSessionCommand;
import org.journeyplatform.domain.journey.RecordRelapseCommand;
import org.journeyplatform.domain.journey.RecordReunificationStepCommand;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.RelapseSeverity;
import org.journeyplatform.domain.journey.RemoveSupportNetworkHelperCommand;
import org.journeyplatform.domain.journey.RetractEventCommand;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.ReviewSafetyPlanCommand;
import org.journeyplatform.domain.journey.SetGoalCommand;
import org.journeyplatform.domain.journey.SupportKind;
import org.journeyplatform.domain.journey.UpdateProfileDetailsCommand;
import org.journeyplatform.domain.journey.WithdrawConsentCommand;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.SafetyPlanId;

/**
 * The stories of synthetic journeys, as commands: the demo data set ({@link DemoDataLoader}) and the bulk generator
 * ({@link JourneyGenerator}) tell the same ones. A journey has an enrolment, several entries and exits, re-entries,
 * relapses and returns, milestones, curriculum modules, peer support, assessments, goals in her words, safety plans,
 * a support network, consents (research ones too, some withdrawn), child reunification moving forwards and
 * backwards, sometimes a stay recorded late, a correction or a retraction; all dated in the past relative to
 * {@code today}. Every name is an invented pseudonym and every story is generated from a seeded random: none is a
 * real person's.
 */
public final class SyntheticJourneys {

    /** One step of a journey: a command to send, or a correction of something already recorded. */
    public sealed interface Step permits Send, Amend {}

    /**
     * A command to send. {@code refusable}: a rule may refuse it in generated data (e.g. dates that collide); the
     * journey then goes on without it.
     */
    public record Send(Object command, boolean refusable) implements Step {}

    /**
     * A correction or retraction of the latest event of a type in her journey, when she has one: {@code command}
     * makes it from that event's identifier. A rule may refuse it; the journey goes on without it.
     */
    public record Amend(ParticipantId participant, Class<?> eventType, Function<String, Object> command)
            implements Step {}

    /** Where the journeys happen: a treatment programme most start in, the others, a group programme, peers. */
    public record Setting(ProgrammeId treatment, List<ProgrammeId> others, ProgrammeId peerGroup, List<PeerId> peers) {}

    private static final List<String> PSEUDONYMS = List.of(
            "Wren",
            "Juniper",
            "Marigold",
            "Robin",
            "Sage",
            "Hazel",
            "Ivy",
            "Willow",
            "Fern",
            "Clover",
            "Lark",
            "Poppy",
            "Aster",
            "Briar",
            "Dahlia",
            "Elm",
            "Finch",
            "Heather",
            "Iris",
            "Jasmine",
            "Linden",
            "Maple",
            "Nova",
            "Opal",
            "Pearl",
            "Rowan",
            "Saffron",
            "Tansy",
            "Violet",
            "Yarrow",
            "Zinnia",
            "Bramble",
            "Kestrel",
            "Laurel",
            "Meadow",
            "Sorrel");
    private static final List<String> OWN_WORDS = List.of(
            "Walked my daughter to school",
            "Opened a bank account",
            "Spoke at the peer group for the first time",
            "Cooked dinner for my sister",
            "Finished a first-aid course");
    private static final List<String> GOALS = List.of(
            "Find a flat of my own",
            "See my son every week",
            "Finish my GED",
            "Stay clean through the winter",
            "Get a job at the bakery",
            "Keep working safely");
    private static final List<String> CHILDREN = List.of("Little Bear", "Sparrow", "Button", "Pip");

    private final Random random;
    private final Supplier<UUID> ids;
    private final LocalDate today;
    private final ProgrammeId treatment;
    private final List<ProgrammeId> others;
    private final ProgrammeId peerGroup;
    private final List<PeerId> peers;
    private final List<Object> planned = new ArrayList<>();
    private List<Step> steps;
    /** About how many events the journey being told should have; 0: as many as its story has. */
    private int wanted;

    /**
     * @param random the stories' random, seeded: the same seed tells the same stories
     * @param ids    the ids of consents, goals, plans and helpers
     */
    public SyntheticJourneys(Random random, Supplier<UUID> ids, LocalDate today, Setting setting) {
        this.random = random;
        this.ids = ids;
        this.today = today;
        this.treatment = setting.treatment();
        this.others = setting.others();
        this.peerGroup = setting.peerGroup();
        this.peers = setting.peers();
    }

    /** An invented name for the participant with this number. */
    public static String pseudonym(int index) {
        return PSEUDONYMS.get(index % PSEUDONYMS.size())
                + (index < PSEUDONYMS.size() ? "" : " " + (index / PSEUDONYMS.size() + 1));
    }

    /**
     * The steps of one journey, in the order they are recorded.
     *
     * @param events about how many events it should have (its story padded with more milestones, peer sessions and
     *               assessments); 0 for its story as it comes (10 to 40 events)
     */
    public List<Step> journey(ParticipantId id, String name, int events) {
        steps = new ArrayList<>();
        wanted = events;
        LocalDate day = today.minusDays(90 + random.nextInt(1700));
        steps.add(new Send(
                new EnrolParticipantCommand(
                        id,
                        name,
                        random.nextInt(4) == 0 ? null : 1968 + random.nextInt(36),
                        pick(ReferralSource.values()),
                        OccurredOn.on(day),
                        null,
                        null,
                        null),
                false));
        LocalDate enrolled = day;
        List<Stay> stays = stays(id, day, today, treatment, others);
        extras(id, enrolled, today, stays);
        List<Step> journey = steps;
        steps = null;
        return journey;
    }

    /**
     * More of what happens most often (milestones, group sessions, ORS readings), until the journey has about as many
     * events as wanted. The story's own steps come first, so a padded journey tells the same story with more in it.
     */
    private void pad(ParticipantId id, LocalDate enrolled, LocalDate today) {
        int tail = 2; // a late stay, a correction or a retraction may follow
        int level = 8 + random.nextInt(10);
        while (steps.size() + planned.size() + tail < wanted) {
            LocalDate on = within(enrolled, today);
            int roll = random.nextInt(10);
            if (roll < 4) {
                MilestoneType type = pick(MilestoneType.values());
                plan(new RecordMilestoneCommand(
                        id,
                        OccurredOn.on(on),
                        type,
                        type == MilestoneType.CUSTOM ? OWN_WORDS.get(random.nextInt(OWN_WORDS.size())) : null,
                        null));
            } else if (roll < 7) {
                plan(new RecordPeerSessionCommand(
                        id, null, PeerSessionKind.GROUP, 60 + 30 * random.nextInt(3), null, OccurredOn.on(on), null));
            } else {
                level = Math.max(0, Math.min(40, level + random.nextInt(9) - 3));
                plan(new RecordAssessmentCommand(id, new InstrumentCode("ors"), ors(level), OccurredOn.on(on), null));
            }
        }
    }

    /** One stay in a programme; {@code exit} is null while she is still in it. */
    private record Stay(ProgrammeId programme, LocalDate entry, LocalDate exit) {}

    private List<Stay> stays(
            ParticipantId id, LocalDate day, LocalDate today, ProgrammeId treatment, List<ProgrammeId> others) {
        List<Stay> recorded = new ArrayList<>();
        int stays = 1 + random.nextInt(4);
        ProgrammeId previous = null;
        for (int stay = 0; stay < stays; stay++) {
            // treatment usually comes first; later stays are elsewhere, or a re-entry into the last programme
            ProgrammeId programme = stay == 0 && random.nextInt(10) < 7
                    ? treatment
                    : previous != null && random.nextInt(4) == 0 ? previous : others.get(random.nextInt(others.size()));
            LocalDate entry = day.plusDays(random.nextInt(40));
            if (entry.isAfter(today)) {
                return recorded;
            }
            plan(new EnterProgrammeCommand(
                    id,
                    programme,
                    OccurredOn.on(entry),
                    random.nextInt(5) == 0 ? "Settled in well; asked for a peer mentor" : null,
                    null));
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
                LocalDate relapse =
                        exit.plusDays(3 + random.nextInt(reason == ExitReason.RETURNED_TO_SEX_TRADE ? 30 : 300));
                if (!relapse.isAfter(today)) {
                    plan(new RecordRelapseCommand(
                            id,
                            OccurredOn.on(relapse),
                            pick(RelapseKind.values()),
                            pick(RelapseSeverity.values()),
                            support(),
                            null,
                            null));
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
            plan(new GiveConsentCommand(
                    id,
                    ConsentId.of(ids.get()),
                    ConsentKind.SERVICE,
                    "service",
                    enrolled.plusYears(3),
                    OccurredOn.on(enrolled),
                    null));
        }
        if (random.nextInt(10) < 6) {
            ConsentId research = ConsentId.of(ids.get());
            plan(new GiveConsentCommand(
                    id,
                    research,
                    ConsentKind.RESEARCH,
                    "all-research",
                    enrolled.plusYears(2 + random.nextInt(4)),
                    OccurredOn.on(enrolled.plusDays(random.nextInt(10))),
                    null));
            if (random.nextInt(7) == 0) {
                plan(new WithdrawConsentCommand(
                        id, research, OccurredOn.on(within(enrolled.plusDays(11), today)), null, null));
            }
        }
        if (random.nextInt(10) < 3) {
            plan(new UpdateProfileDetailsCommand(
                    id,
                    null,
                    null,
                    pick(AgeBand.values()),
                    pick(GenderIdentity.values()),
                    random.nextInt(2) == 0 ? 14 + random.nextInt(12) : null,
                    null,
                    OccurredOn.on(within(enrolled, today)),
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
                plan(new RecordPeerSessionCommand(
                        id,
                        peer,
                        PeerSessionKind.ONE_TO_ONE,
                        30 + random.nextInt(60),
                        null,
                        OccurredOn.on(within(assigned, today)),
                        null));
            }
            if (random.nextInt(2) == 0) {
                plan(new EndPeerMentorAssignmentCommand(id, peer, null, OccurredOn.on(within(assigned, today)), null));
            }
        }
        if (random.nextInt(3) == 0) {
            plan(new RecordPeerSessionCommand(
                    id, null, PeerSessionKind.GROUP, 90, null, OccurredOn.on(within(enrolled, today)), null));
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
            plan(new RecordAssessmentCommand(
                    id, new InstrumentCode("movers"), movers, OccurredOn.on(within(enrolled, today)), null));
        }
        if (random.nextInt(4) == 0) {
            plan(new RecordAssessmentCommand(
                    id,
                    new InstrumentCode("ladder"),
                    Map.of("score", 1 + random.nextInt(10)),
                    OccurredOn.on(within(enrolled, today)),
                    null));
        }
        if (random.nextInt(10) < 7) {
            GoalId goal = GoalId.of(ids.get());
            LocalDate set = within(enrolled, today);
            plan(new SetGoalCommand(id, goal, GOALS.get(random.nextInt(GOALS.size())), OccurredOn.on(set), null));
            LocalDate progress = within(set, today);
            plan(new NoteGoalProgressCommand(id, goal, "Took the first step", OccurredOn.on(progress), null));
            int outcome = random.nextInt(3);
            if (outcome == 0) {
                plan(new MarkGoalAchievedCommand(id, goal, null, OccurredOn.on(within(progress, today)), null));
            } else if (outcome == 1) {
                plan(new DropGoalCommand(
                        id, goal, "Other things matter more to her now", OccurredOn.on(within(progress, today)), null));
            }
        }
        if (random.nextInt(10) < 4) {
            SafetyPlanId plan = SafetyPlanId.of(ids.get());
            LocalDate made = within(enrolled, today);
            plan(new CreateSafetyPlanCommand(
                    id, plan, "Who to call; where the spare key is; a safe route home", OccurredOn.on(made), null));
            if (random.nextInt(2) == 0) {
                plan(new ReviewSafetyPlanCommand(id, plan, null, OccurredOn.on(within(made, today)), null));
            }
        }
        if (random.nextInt(7) == 0) {
            LocalDate noted = within(enrolled, today);
            plan(new NoteProtectionOrderCommand(
                    id, pick(ProtectionOrderKind.values()), noted.plusYears(1), null, OccurredOn.on(noted), null));
        }
        if (random.nextInt(10) < 6) {
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                HelperId helper = HelperId.of(ids.get());
                LocalDate added = within(enrolled, today);
                plan(new AddSupportNetworkHelperCommand(
                        id, helper, pick(HelperKind.values()), null, OccurredOn.on(added), null));
                if (random.nextInt(5) == 0) {
                    plan(new RemoveSupportNetworkHelperCommand(
                            id, helper, null, OccurredOn.on(within(added, today)), null));
                }
            }
        }
        if (random.nextInt(3) == 0) {
            reunification(id, enrolled, today);
        }
        pad(id, enrolled, today);
        flush(); // everything so far, in the order it happened
        if (random.nextInt(8) == 0
                && stays.stream().noneMatch(s -> s.programme().equals(peerGroup))
                && span > 60) { // a stay she told staff about later, recorded late in one go
            LocalDate entry = enrolled.plusDays(1 + random.nextInt(10));
            steps.add(new Send(
                    new RecordPastProgrammeStayCommand(
                            id,
                            peerGroup,
                            OccurredOn.on(entry),
                            OccurredOn.on(entry.plusDays(14 + random.nextInt(20))),
                            ExitReason.LEFT_BY_CHOICE,
                            null,
                            null),
                    true));
        }
        if (random.nextInt(6) == 0) {
            steps.add(new Amend(
                    id,
                    ProgrammeExitedEvent.class,
                    event -> new CorrectEventCommand(
                            id,
                            event,
                            Map.of("reason", ExitReason.TRANSFERRED.name()),
                            "The exit was a transfer, not a discharge",
                            null)));
        }
        if (random.nextInt(8) == 0) {
            steps.add(new Amend(
                    id,
                    MilestoneReachedEvent.class,
                    event -> new RetractEventCommand(id, event, "Recorded in the wrong participant's record", null)));
        }
    }

    private void reunification(ParticipantId id, LocalDate enrolled, LocalDate today) {
        ReunificationPlanId plan = ReunificationPlanId.of(ids.get());
        LocalDate on = within(enrolled, today);
        plan(new OpenReunificationPlanCommand(
                id, plan, CHILDREN.get(random.nextInt(CHILDREN.size())), null, OccurredOn.on(on), null));
        ReunificationStep step = ReunificationStep.PLAN_OPENED;
        int steps = 1 + random.nextInt(5);
        for (int i = 0; i <= steps; i++) {
            on = on.plusDays(20 + random.nextInt(90));
            if (on.isAfter(today)) {
                return;
            }
            if (i == steps) { // some plans end without custody: her choice, or another service takes over
                if (random.nextInt(2) == 0) {
                    plan(new CloseReunificationPlanCommand(
                            id,
                            plan,
                            random.nextInt(2) == 0
                                    ? ReunificationPlanClosureReason.PARTICIPANT_CHOSE_TO_CLOSE
                                    : ReunificationPlanClosureReason.TRANSFERRED_TO_ANOTHER_SERVICE,
                            null,
                            OccurredOn.on(on),
                            null));
                }
                return;
            }
            int next = step.ordinal() + (step.ordinal() > 1 && random.nextInt(4) == 0 ? -1 : 1);
            if (next >= ReunificationStep.values().length) {
                plan(new CloseReunificationPlanCommand(
                        id, plan, ReunificationPlanClosureReason.CUSTODY_RESTORED, null, OccurredOn.on(on), null));
                return;
            }
            step = ReunificationStep.values()[Math.max(1, next)];
            plan(new RecordReunificationStepCommand(id, plan, step, null, OccurredOn.on(on), null));
        }
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
     * The kept commands in the order things happened (staff mostly record as life goes on), so that only the
     * deliberately late records show as late entries. A rule may refuse one of them in generated data (dates that
     * collide): the journey goes on without it.
     */
    private void flush() {
        planned.stream()
                .sorted(Comparator.comparing(SyntheticJourneys::dateOf))
                .forEach(command -> steps.add(new Send(command, true)));
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

    private void milestones(ParticipantId id, LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        int count = days < 30 ? 0 : random.nextInt(3);
        for (int i = 0; i < count; i++) {
            LocalDate on = from.plusDays(1 + random.nextInt((int) days));
            MilestoneType type = pick(MilestoneType.values());
            String words = type == MilestoneType.CUSTOM || random.nextInt(4) == 0
                    ? OWN_WORDS.get(random.nextInt(OWN_WORDS.size()))
                    : null;
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

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
