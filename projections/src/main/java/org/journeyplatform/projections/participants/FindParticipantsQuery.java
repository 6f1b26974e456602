package org.journeyplatform.projections.participants;

/**
 * Participants in the directory, most recently enrolled first.
 *
 * @param limit  how many at most (1 to 500)
 * @param offset how many to skip
 */
public record FindParticipantsQuery(int limit, int offset) {
}
