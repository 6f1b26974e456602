package org.journeyplatform.api.participants;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Commands for one journey wait for each other in this instance until the previous one's transaction has committed or
 * rolled back (Axon's own aggregate lock ends with its unit of work, before the request's transaction commits): a
 * command never decides on an event that is not committed yet, and the cache holds only what was committed. Taken by
 * the request's transaction filter before it takes a database connection, so requests waiting for a busy journey hold
 * none. Striped: journeys that share a stripe wait for each other too, which costs nothing but a little concurrency.
 */
public final class JourneyLocks {

    private static final ReentrantLock[] STRIPES = new ReentrantLock[4096];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private JourneyLocks() {}

    /** The lock of one journey (by its id as the path gives it). */
    public static ReentrantLock of(String journeyId) {
        return STRIPES[
                Math.floorMod(journeyId.toLowerCase(java.util.Locale.ROOT).hashCode(), STRIPES.length)];
    }
}
