package org.journeyplatform.domain.shared;

/** Keys of the metadata every journey message carries. */
public final class MetaDataKeys {

    /**
     * Who sent the command and so recorded its events: a staff member's user name, or a process such as
     * {@code demo-data}. Set from the authenticated user, never from a request body.
     */
    public static final String ACTOR = "actor";

    private MetaDataKeys() {}
}
