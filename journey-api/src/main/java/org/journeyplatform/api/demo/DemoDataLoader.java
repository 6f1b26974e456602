package org.journeyplatform.api.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
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
 * Fills an empty platform with a synthetic demo data set: a few programmes and a few dozen participants with varied
 * journeys (several entries and exits, re-entries, relapses and returns, milestones), all dated in the past relative
 * to today. Every name is an invented pseudonym and every story is generated: none is a real person's.
 * <p>
 * Runs only with {@code journey.demo-data.enabled=true} (the {@code demo} profile) and only when no participant is
 * enrolled yet, so restarting the demo never duplicates it. Commands go through the command bus like any staff
 * request, so every rule applies; they are recorded as sent by {@code demo-data}.
 */
@Component
@ConditionalOnProperty(name = "journey.demo-data.enabled", havingValue = "true")
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
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int participants;
    private final Random random = new Random(20_261_121L);
    private int sent;

    public DemoDataLoader(CommandGateway commands, JdbcClient jdbc, Clock clock,
                          @Value("${journey.demo-data.participants:36}") int participants) {
        this.commands = commands;
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
                programme("Sisters in recovery peer group (20 weeks)", ProgrammeType.PEER_GROUP));
        LocalDate today = LocalDate.now(clock);
        for (int i = 0; i < participants; i++) {
            journey(i, today, treatment.get(0), others);
        }
        log.info("Demo data: 5 programmes and {} participants loaded ({} commands) in {} ms", participants, sent,
                (System.nanoTime() - started) / 1_000_000);
    }

    private boolean alreadyLoaded() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE type = 'Journey' AND sequence_number = 0")
                .query(Long.class).single() > 0;
    }

    private void journey(int index, LocalDate today, ProgrammeId treatment, List<ProgrammeId> others) {
        ParticipantId id = ParticipantId.of(UUID.nameUUIDFromBytes(("demo-participant-" + index).getBytes()));
        String name = PSEUDONYMS.get(index % PSEUDONYMS.size()) + (index < PSEUDONYMS.size() ? "" : " " + (index / PSEUDONYMS.size() + 1));
        LocalDate day = today.minusDays(90 + random.nextInt(1700));
        send(new EnrolParticipantCommand(id, name, random.nextInt(4) == 0 ? null : 1968 + random.nextInt(36),
                pick(ReferralSource.values()), OccurredOn.on(day)));

        int stays = 1 + random.nextInt(4);
        ProgrammeId previous = null;
        for (int stay = 0; stay < stays; stay++) {
            // treatment usually comes first; later stays are elsewhere, or a re-entry into the last programme
            ProgrammeId programme = stay == 0 && random.nextInt(10) < 7 ? treatment
                    : previous != null && random.nextInt(4) == 0 ? previous : others.get(random.nextInt(others.size()));
            LocalDate entry = day.plusDays(random.nextInt(40));
            if (entry.isAfter(today)) {
                return;
            }
            send(new EnterProgrammeCommand(id, programme, OccurredOn.on(entry),
                    random.nextInt(5) == 0 ? "Settled in well; asked for a peer mentor" : null, null));
            LocalDate exit = entry.plusDays(14 + random.nextInt(320));
            milestones(id, entry, exit.isAfter(today) ? today : exit);
            if (exit.isAfter(today)) {
                return; // still in this programme today
            }
            ExitReason reason = exitReason();
            send(new ExitProgrammeCommand(id, programme, OccurredOn.on(exit), reason, null, null));
            day = exit;
            if (random.nextInt(2) == 0) { // a relapse or return, most often within the first months after exit
                LocalDate relapse = exit.plusDays(3 + random.nextInt(reason == ExitReason.RETURNED_TO_SEX_TRADE ? 30 : 300));
                if (!relapse.isAfter(today)) {
                    send(new RecordRelapseCommand(id, OccurredOn.on(relapse), pick(RelapseKind.values()),
                            pick(RelapseSeverity.values()), support(), null, null));
                    day = relapse;
                }
            }
            previous = programme;
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
            send(new RecordMilestoneCommand(id, OccurredOn.on(on), type, words, null));
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
        ProgrammeId id = ProgrammeId.of(UUID.nameUUIDFromBytes(("demo-programme-" + name).getBytes()));
        send(new RegisterProgrammeCommand(id, name, type));
        return id;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetaDataKeys.ACTOR, ACTOR)));
        sent++;
    }
}
