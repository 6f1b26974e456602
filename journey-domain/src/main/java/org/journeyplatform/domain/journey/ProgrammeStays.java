package org.journeyplatform.domain.journey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Her stays in programmes, paired from her entries and exits in life order: the one "stays" fold of the platform, used
 * by the journey's rules ({@link JourneyState}), the programme dashboards and research exports. An entry opens a stay
 * unless she is in that programme already (then it is ignored: the journey refuses it); an exit closes her open stay
 * in that programme (without one it pairs with nothing, but is still her latest exit from it).
 *
 * @param <P> how the caller names a programme (its id, or the id as text)
 */
public final class ProgrammeStays<P> {

    /** One stay: the day she entered, and the day and reason she left (null while she is still in). */
    public record Stay<P>(P programme, LocalDate entered, LocalDate exited, String exitReason) {}

    private final List<Stay<P>> stays = new ArrayList<>();
    /** Where in {@link #stays} her open stay in each programme is. */
    private final Map<P, Integer> open = new LinkedHashMap<>();

    private final Map<P, LocalDate> latestExits = new HashMap<>();

    /** She entered the programme on that day. */
    public void entered(P programme, LocalDate on) {
        if (!open.containsKey(programme)) {
            open.put(programme, stays.size());
            stays.add(new Stay<>(programme, on, null, null));
        }
    }

    /** She left the programme on that day, for that reason (null when none is known). */
    public void exited(P programme, LocalDate on, String reason) {
        latestExits.put(programme, on);
        Integer index = open.remove(programme);
        if (index != null) {
            Stay<P> stay = stays.get(index);
            stays.set(index, new Stay<>(programme, stay.entered(), on, reason));
        }
    }

    /** Her stays in the order she entered them, those still open with no exit. */
    public List<Stay<P>> stays() {
        return Collections.unmodifiableList(stays);
    }

    /** The programmes she is in, with the day she entered each, in the order she entered them. */
    public Map<P, LocalDate> current() {
        Map<P, LocalDate> current = new LinkedHashMap<>();
        open.forEach(
                (programme, index) -> current.put(programme, stays.get(index).entered()));
        return current;
    }

    /** The day she entered her open stay in the programme, or null when she is not in it. */
    public LocalDate inSince(P programme) {
        Integer index = open.get(programme);
        return index == null ? null : stays.get(index).entered();
    }

    public boolean hasBeenIn(P programme) {
        return stays.stream().anyMatch(s -> s.programme().equals(programme));
    }

    /** Her latest exit from the programme, or null. */
    public LocalDate latestExitFrom(P programme) {
        return latestExits.get(programme);
    }

    public ProgrammeStays<P> copy() {
        ProgrammeStays<P> copy = new ProgrammeStays<>();
        copy.stays.addAll(stays);
        copy.open.putAll(open);
        copy.latestExits.putAll(latestExits);
        return copy;
    }
}
