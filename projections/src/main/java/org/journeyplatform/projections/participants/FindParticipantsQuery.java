package org.journeyplatform.projections.participants;

/**
 * Participants in the directory, most recently enrolled first.
 *
 * @param limit     how many at most (1 to 500)
 * @param offset    how many to skip
 * @param visibleTo only those this staff member may see (in or once in her programmes, enrolled by her, or under
 *                  her unexpired break-glass grant); null for everyone
 */
public record FindParticipantsQuery(int limit, int offset, String visibleTo) {}
