package org.journeyplatform.infra.axon.parking;

/** A stored event's payload type is not a class of this version: its type name says which. */
public class UnknownEventTypeException extends RuntimeException {

    public UnknownEventTypeException(String payloadType, String revision) {
        super("The event's payload type is unknown to this version: " + payloadType
                + (revision == null ? "" : " (revision " + revision + ")"));
    }
}
