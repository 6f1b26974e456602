package org.journeyplatform.infra.axon.parking;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * Takes, in a parking processor, the events whose payload type this version does not know: without it no handler
 * matches them and they pass unnoticed. It fails them, so they are parked like any event that could not be handled,
 * and her later events wait behind. A retry once the type is known (or upcast) hands them to the projection.
 */
public class UnknownEventTypeGuard implements EventMessageHandler {

    private final String group;

    public UnknownEventTypeGuard(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return UnknownSerializedType.class.equals(event.getPayloadType());
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return UnknownSerializedType.class.equals(payloadType);
    }

    @Override
    public Object handle(EventMessage<?> event) {
        if (!canHandle(event)) {
            return null;
        }
        if (event.getPayload() instanceof UnknownSerializedType unknown) {
            throw new UnknownEventTypeException(
                    unknown.serializedType().getName(), unknown.serializedType().getRevision());
        }
        throw new UnknownEventTypeException("(not readable)", null);
    }

    @Override
    public boolean supportsReset() {
        return false;
    }

    @Override
    public Class<?> getTargetType() {
        return UnknownEventTypeGuard.class;
    }
}
