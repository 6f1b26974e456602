package org.journeyplatform.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.journeyplatform.domain.journey.EnrolParticipantCommand;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.RecordMilestoneCommand;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The target of a record command")
class RecordCommandTargetsTest {

    private static final ParticipantId HER = ParticipantId.of(UUID.fromString("0b7c3f7e-3f0e-4d4a-9a53-2b0c1c2e6f11"));
    private static final OccurredOn DAY = OccurredOn.on(LocalDate.of(2025, 3, 14));
    private static final AnnotationCommandTargetResolver AXON =
            AnnotationCommandTargetResolver.builder().build();

    /** A command that is not a record: Axon's own resolver answers for it. */
    static final class NotARecord {
        @TargetAggregateIdentifier
        private final String id = "peer-1";
    }

    @Test
    @DisplayName("is what Axon's annotation resolver says: the identifier and the expected version, or none")
    void sameAsAxon() {
        List<Object> commands = List.of(
                new RecordMilestoneCommand(HER, DAY, MilestoneType.STABLE_HOUSING, null, 3L),
                new RecordMilestoneCommand(HER, DAY, MilestoneType.STABLE_HOUSING, null, null),
                new EnrolParticipantCommand(HER, "Linnet", null, null, DAY, null, null, null),
                new NotARecord());

        for (Object command : commands) {
            VersionedAggregateIdentifier ours =
                    RecordCommandTargets.INSTANCE.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            VersionedAggregateIdentifier axons = AXON.resolveTarget(GenericCommandMessage.asCommandMessage(command));

            assertThat(ours.getIdentifierValue()).as(command.toString()).isEqualTo(axons.getIdentifierValue());
            assertThat(ours.getVersion()).as(command.toString()).isEqualTo(axons.getVersion());
            assertThat(RecordCommandTargets.INSTANCE.expectedVersion(command)).isEqualTo(axons.getVersion());
        }
    }

    @Test
    @DisplayName("is read from the command, not remembered: two commands of one class keep their own targets")
    void perCommand() {
        RecordMilestoneCommand three = new RecordMilestoneCommand(HER, DAY, MilestoneType.EMPLOYMENT, null, 3L);
        RecordMilestoneCommand seven = new RecordMilestoneCommand(HER, DAY, MilestoneType.EMPLOYMENT, null, 7L);

        assertThat(RecordCommandTargets.INSTANCE.expectedVersion(three)).isEqualTo(3L);
        assertThat(RecordCommandTargets.INSTANCE.expectedVersion(seven)).isEqualTo(7L);
    }
}
