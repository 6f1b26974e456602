package org.journeyplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The staff member who acted")
class ActorCorrelationTest {

    private final CorrelationDataProvider actor = new AxonConfiguration(100).actorCorrelationDataProvider();

    @Test
    @DisplayName("is copied from a command onto what its handling makes (its events)")
    void fromCommands() {
        var command = GenericCommandMessage.asCommandMessage("record a milestone")
                .withMetaData(MetaData.with(MetaDataKeys.ACTOR, "caseworker").and("other", "x"));

        assertThat(actor.correlationDataFor(command)).isEqualTo(Map.of(MetaDataKeys.ACTOR, "caseworker"));
    }

    @Test
    @DisplayName("is not read from an event a projection handles, so its metadata is not deserialised for nothing")
    void notFromEvents() {
        var event = GenericEventMessage.asEventMessage("a milestone was reached")
                .withMetaData(MetaData.with(MetaDataKeys.ACTOR, "caseworker"));

        assertThat(actor.correlationDataFor(event)).isEmpty();
    }
}
