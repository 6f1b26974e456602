package org.journeyplatform.domain.shared;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which aggregate a command is for, and the version it expects: the record components annotated
 * {@link TargetAggregateIdentifier} and {@link TargetAggregateVersion}, found once per command class and read through
 * method handles. Axon's {@link AnnotationCommandTargetResolver} looks the annotations up by reflection on every
 * command; this gives the same answers for the record commands of this domain (and falls back to it for any other
 * class) without that cost.
 */
public final class RecordCommandTargets implements CommandTargetResolver {

    public static final RecordCommandTargets INSTANCE = new RecordCommandTargets();

    private static final AnnotationCommandTargetResolver FALLBACK =
            AnnotationCommandTargetResolver.builder().build();

    /** The accessors of a record command's target components; null for a class that is not such a record. */
    private record Accessors(MethodHandle identifier, MethodHandle version) {}

    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            MethodHandle identifier = null;
            MethodHandle version = null;
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.isAnnotationPresent(TargetAggregateIdentifier.class)
                            || component.getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class)) {
                        identifier = lookup.unreflect(component.getAccessor());
                    }
                    if (component.isAnnotationPresent(TargetAggregateVersion.class)
                            || component.getAccessor().isAnnotationPresent(TargetAggregateVersion.class)) {
                        version = lookup.unreflect(component.getAccessor());
                    }
                }
            } catch (IllegalAccessException e) {
                return null;
            }
            return identifier == null ? null : new Accessors(identifier, version);
        }
    };

    private RecordCommandTargets() {}

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Object payload = command.getPayload();
        Accessors accessors = payload == null ? null : ACCESSORS.get(payload.getClass());
        if (accessors == null) {
            return FALLBACK.resolveTarget(command);
        }
        Object identifier = read(accessors.identifier(), payload);
        if (identifier == null) {
            return FALLBACK.resolveTarget(command); // Axon's own message for a missing identifier
        }
        return new VersionedAggregateIdentifier(identifier, version(accessors, payload));
    }

    /** The version a command expects, or null. */
    public Long expectedVersion(Object command) {
        Accessors accessors = command == null ? null : ACCESSORS.get(command.getClass());
        if (accessors == null) {
            return FALLBACK.resolveTarget(
                            org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(command))
                    .getVersion();
        }
        return version(accessors, command);
    }

    private static Long version(Accessors accessors, Object command) {
        Object version = accessors.version() == null ? null : read(accessors.version(), command);
        return version == null ? null : ((Number) version).longValue();
    }

    private static Object read(MethodHandle accessor, Object command) {
        try {
            return accessor.invoke(command);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(
                    "Cannot read the target of " + command.getClass().getName(), e);
        }
    }
}
