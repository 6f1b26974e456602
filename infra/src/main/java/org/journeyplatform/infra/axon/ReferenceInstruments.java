package org.journeyplatform.infra.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.journeyplatform.domain.assessment.DefineInstrumentCommand;
import org.journeyplatform.domain.assessment.InstrumentCatalogue;
import org.journeyplatform.domain.assessment.InstrumentItem;
import org.journeyplatform.domain.assessment.InstrumentSubscale;
import org.journeyplatform.domain.assessment.Scoring;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Defines the instruments every deployment starts with, once, at start-up: the Outcome Rating Scale and Session
 * Rating Scale (Feedback Informed Treatment; four items scored 0-10, total 0-40), MOVERS (13 items scored 1-5, three
 * subscales averaged) and a generic 1-10 ladder for a custom domain like the Outcomes Star's. They are ordinary data:
 * a programme adds or changes an instrument with the same command. Item labels name what each item is about; the
 * instruments' own wording stays with their licences.
 */
@Component
@Order(0)
public class ReferenceInstruments implements ApplicationRunner {

    static final String ACTOR = "reference-data";
    private static final Logger log = LoggerFactory.getLogger(ReferenceInstruments.class);

    private final CommandGateway commands;
    private final InstrumentCatalogue catalogue;

    public ReferenceInstruments(CommandGateway commands, InstrumentCatalogue catalogue) {
        this.commands = commands;
        this.catalogue = catalogue;
    }

    /** The reference instruments, as commands. */
    public static List<DefineInstrumentCommand> definitions() {
        List<InstrumentItem> movers = IntStream.rangeClosed(1, 13)
                .mapToObj(i -> new InstrumentItem("item-" + i, "MOVERS item " + i, 1, 5))
                .toList();
        return List.of(
                new DefineInstrumentCommand(
                        new InstrumentCode("ors"),
                        "Outcome Rating Scale",
                        List.of(
                                new InstrumentItem("individually", "Individually (personal well-being)", 0, 10),
                                new InstrumentItem(
                                        "interpersonally", "Interpersonally (family, close relationships)", 0, 10),
                                new InstrumentItem("socially", "Socially (work, school, friendships)", 0, 10),
                                new InstrumentItem("overall", "Overall (general sense of well-being)", 0, 10)),
                        List.of(),
                        Scoring.SUM),
                new DefineInstrumentCommand(
                        new InstrumentCode("srs"),
                        "Session Rating Scale",
                        List.of(
                                new InstrumentItem("relationship", "Relationship", 0, 10),
                                new InstrumentItem("goals-and-topics", "Goals and topics", 0, 10),
                                new InstrumentItem("approach-or-method", "Approach or method", 0, 10),
                                new InstrumentItem("overall", "Overall", 0, 10)),
                        List.of(),
                        Scoring.SUM),
                new DefineInstrumentCommand(
                        new InstrumentCode("movers"),
                        "Measure of Victim Empowerment Related to Safety (MOVERS)",
                        movers,
                        List.of(
                                new InstrumentSubscale(
                                        "internal-tools", "Internal tools", items(1, 3, 5, 7, 9, 11), Scoring.MEAN),
                                new InstrumentSubscale(
                                        "expectation-of-support",
                                        "Expectation of support",
                                        items(4, 8, 12, 13),
                                        Scoring.MEAN),
                                new InstrumentSubscale("trade-offs", "Trade-offs", items(2, 6, 10), Scoring.MEAN)),
                        Scoring.NONE),
                new DefineInstrumentCommand(
                        new InstrumentCode("ladder"),
                        "Journey ladder (1-10, custom domain)",
                        List.of(new InstrumentItem("score", "Where she places herself on the ladder", 1, 10)),
                        List.of(),
                        Scoring.SUM));
    }

    private static List<String> items(int... numbers) {
        List<String> codes = new ArrayList<>();
        for (int n : numbers) {
            codes.add("item-" + n);
        }
        return codes;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DefineInstrumentCommand definition : definitions()) {
            if (catalogue.find(definition.instrument()).isEmpty()) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(definition)
                        .andMetaData(Map.of(MetaDataKeys.ACTOR, ACTOR)));
                log.info("Defined reference instrument '{}'", definition.instrument());
            }
        }
    }
}
