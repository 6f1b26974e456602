package org.journeyplatform.infra.json;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.util.function.Function;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.SafetyPlanId;

/**
 * Teaches Jackson the domain's value types without putting Jackson annotations in the domain: typed ids travel as
 * their raw string value, in stored events and in the API alike.
 */
public class JourneyJacksonModule extends SimpleModule {

    public JourneyJacksonModule() {
        super("journey-platform");
        typedId(ParticipantId.class, ParticipantId::new);
        typedId(ProgrammeId.class, ProgrammeId::new);
        typedId(PeerId.class, PeerId::new);
        typedId(GoalId.class, GoalId::new);
        typedId(ReunificationPlanId.class, ReunificationPlanId::new);
        typedId(SafetyPlanId.class, SafetyPlanId::new);
        typedId(HelperId.class, HelperId::new);
        typedId(ConsentId.class, ConsentId::new);
        typedId(ModuleId.class, ModuleId::new);
        typedId(InstrumentCode.class, InstrumentCode::new);
    }

    private <T> void typedId(Class<T> type, Function<String, T> factory) {
        addSerializer(type, ToStringSerializer.instance);
        addKeyDeserializer(
                type,
                new KeyDeserializer() { // map keys (in snapshots) are written with toString()
                    @Override
                    public Object deserializeKey(String key, DeserializationContext context) {
                        return factory.apply(key);
                    }
                });
        addDeserializer(type, new FromStringDeserializer<>(type) {
            @Override
            protected T _deserialize(String value, DeserializationContext context) {
                return factory.apply(value);
            }

            @Override
            protected T _deserializeFromEmptyString(DeserializationContext context) {
                return null;
            }
        });
    }
}
