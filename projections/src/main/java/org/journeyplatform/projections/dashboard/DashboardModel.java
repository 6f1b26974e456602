package org.journeyplatform.projections.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.StepDirection;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard facts of one fact table held in memory, per participant, in life order and with her stays already
 * paired, and kept in step with the table by reading only what changed (ADR 0016).
 *
 * <p>Every fact row records the transaction that last wrote it ({@code written_by}, migration V16). A refresh asks, in
 * one statement, for the current snapshot and for every row of the participants that have a row the previous
 * refresh's snapshot could not see: written by a transaction that was still running then or began after. So nothing
 * committed later is missed, whatever the number of writers (the Kafka-fed table has several), and nothing seen
 * before is read again. A participant is always replaced whole. A table emptied for a replay ({@code TRUNCATE}) or
 * swapped in by a rebuild has another file node or oid, and is loaded whole.
 *
 * <p>Each refresh that changed something publishes a new immutable {@link Snapshot} with a higher version, which the
 * answer cache keys on: an answer is only ever served for the very facts it was computed from.
 */
final class DashboardModel {

    /**
     * One participant as the figures need her. (A record of arrays: its equals and hashCode compare them by identity.)
     *
     * @param facts      her facts that are not retracted, in life order
     * @param stays      her stays in every programme, paired from all her facts (truncated to an as-of day on use:
     *                   life order puts every later day after it, so the pairing up to a day never depends on what
     *                   follows)
     * @param programmes the programmes she has an entry into
     * @param plans      where her reunification plans' openings and closings are among her facts (they count before
     *                   the period too), in order
     * @param mentors    where her mentors' assignments and endings are, in order
     * @param readings   for each instrument, where her scored readings of it are and their scores, in order
     * @param kinds      each fact's kind (its ordinal), beside {@code days}: a pass over a period reads two arrays, not
     *                   thousands of objects scattered over the heap
     * @param codes      what a pass needs of each fact's label: a milestone's type (its ordinal, -1 for none), a
     *                   reunification step's {@link #FORWARD}, {@link #BACKWARD} and {@link #CUSTODY_RESTORED} bits
     * @param stayDays   beside {@code stays}: each stay's first and last epoch day ({@link #OPEN} while open)
     * @param stayProgrammes beside {@code stays}: each stay's programme
     * @param entered    {@code programmes} as an array
     */
    record Digest(
            String participantId,
            List<DashboardFact> facts,
            int[] days,
            List<DashboardCalculator.Stay> stays,
            Set<String> programmes,
            int[] plans,
            int[] mentors,
            List<Readings> readings,
            byte[] kinds,
            byte[] codes,
            int[] stayDays,
            String[] stayProgrammes,
            String[] entered) {

        private static final int[] NONE = new int[0];

        /** The last day of a stay still open: after every day. */
        static final int OPEN = Integer.MAX_VALUE;

        static final int FORWARD = 1;
        static final int BACKWARD = 2;
        static final int CUSTODY_RESTORED = 4;

        Digest(
                String participantId,
                List<DashboardFact> facts,
                int[] days,
                List<DashboardCalculator.Stay> stays,
                Set<String> programmes) {
            this(
                    participantId,
                    facts,
                    days,
                    stays,
                    programmes,
                    where(facts, Kind.PLAN_OPENED, Kind.PLAN_CLOSED),
                    where(facts, Kind.MENTOR_ASSIGNED, Kind.MENTOR_ENDED),
                    readingsOf(facts),
                    kindsOf(facts),
                    codesOf(facts),
                    stayDaysOf(stays),
                    stays.stream().map(DashboardCalculator.Stay::programmeId).toArray(String[]::new),
                    programmes.toArray(String[]::new));
        }

        private static int[] stayDaysOf(List<DashboardCalculator.Stay> stays) {
            int[] days = new int[2 * stays.size()];
            for (int i = 0; i < stays.size(); i++) {
                days[2 * i] = (int) stays.get(i).start().toEpochDay();
                days[2 * i + 1] = stays.get(i).end() == null
                        ? OPEN
                        : (int) stays.get(i).end().toEpochDay();
            }
            return days;
        }

        private static byte[] kindsOf(List<DashboardFact> facts) {
            byte[] kinds = new byte[facts.size()];
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = (byte) facts.get(i).kind().ordinal();
            }
            return kinds;
        }

        private static byte[] codesOf(List<DashboardFact> facts) {
            byte[] codes = new byte[facts.size()];
            for (int i = 0; i < codes.length; i++) {
                DashboardFact f = facts.get(i);
                if (f.kind() == Kind.MILESTONE) {
                    codes[i] = -1;
                    for (MilestoneType type : MilestoneType.values()) {
                        if (type.name().equals(f.label())) {
                            codes[i] = (byte) type.ordinal();
                        }
                    }
                } else if (f.kind() == Kind.PLAN_STEP) {
                    int code = StepDirection.FORWARD.name().equals(f.direction())
                            ? FORWARD
                            : StepDirection.BACKWARD.name().equals(f.direction()) ? BACKWARD : 0;
                    if (ReunificationStep.CUSTODY_RESTORED.name().equals(f.label())) {
                        code |= CUSTODY_RESTORED;
                    }
                    codes[i] = (byte) code;
                }
            }
            return codes;
        }

        private static int[] where(List<DashboardFact> facts, Kind one, Kind other) {
            int[] at = java.util.stream.IntStream.range(0, facts.size())
                    .filter(i -> facts.get(i).kind() == one || facts.get(i).kind() == other)
                    .toArray();
            return at.length == 0 ? NONE : at; // most have neither: one shared empty array
        }

        private static List<Readings> readingsOf(List<DashboardFact> facts) {
            Map<String, List<Integer>> at = new HashMap<>();
            for (int i = 0; i < facts.size(); i++) {
                DashboardFact f = facts.get(i);
                if (f.kind() == Kind.ASSESSMENT && f.score() != null && f.label() != null) {
                    at.computeIfAbsent(f.label(), k -> new ArrayList<>()).add(i);
                }
            }
            if (at.isEmpty()) {
                return List.of();
            }
            List<Readings> readings = new ArrayList<>();
            at.forEach((instrument, list) -> readings.add(new Readings(
                    instrument,
                    list.stream().mapToInt(Integer::intValue).toArray(),
                    list.stream().mapToDouble(i -> facts.get(i).score()).toArray())));
            return List.copyOf(readings);
        }

        /** How many of her facts are dated before the day (the index of the first on or after it). */
        int before(long day) {
            return below(days, day);
        }

        /** How many of the numbers, in order, are below the bound. */
        static int below(int[] positions, long bound) {
            int low = 0;
            int high = positions.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (positions[middle] < bound) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** How many of her facts are dated on or before the day: they come first, as life order begins with the day. */
        int upTo(LocalDate day) {
            return below(days, day.toEpochDay() + 1);
        }
    }

    /** Her scored readings of one instrument: where they are among her facts, and their scores. */
    record Readings(String instrument, int[] at, double[] scores) {}

    /** The facts as of one refresh; never changed once published. */
    record Snapshot(
            long version,
            Map<String, Digest> participants,
            Map<String, Set<String>> byProgramme,
            Map<Set<String>, List<Digest>> sorted) {

        Snapshot(long version, Map<String, Digest> participants, Map<String, Set<String>> byProgramme) {
            this(version, participants, byProgramme, new java.util.concurrent.ConcurrentHashMap<>());
        }

        /**
         * The participants with an entry into any of the programmes, in the order of their ids; worked out once per
         * snapshot and set of programmes (a few sets are asked for: each manager's, and each of their programmes).
         */
        List<Digest> enteredAny(Set<String> programmes) {
            List<Digest> known = sorted.get(programmes);
            if (known != null) {
                return known;
            }
            TreeSet<String> ids = new TreeSet<>();
            for (String programme : programmes) {
                ids.addAll(byProgramme.getOrDefault(programme, Set.of()));
            }
            List<Digest> digests = new ArrayList<>(ids.size());
            ids.forEach(id -> digests.add(participants.get(id)));
            if (sorted.size() < 1_000) {
                sorted.put(Set.copyOf(programmes), List.copyOf(digests));
            }
            return digests;
        }

        int factCount() {
            return participants.values().stream()
                    .mapToInt(d -> d.facts().size())
                    .sum();
        }
    }

    private final JdbcClient jdbc;
    private final String table;
    /** More rows changed than this since the last read, and the table is loaded whole instead. */
    static final int MOST_CHANGED_ROWS = 20_000;

    private volatile Snapshot current = new Snapshot(0, Map.of(), Map.of());
    private String generation;
    /** The snapshot of the last read (pg_snapshot as text): the rows it could not see are the changes. */
    private String seen;

    private long version;

    DashboardModel(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** The facts as the table holds them now: reads the rows of the participants changed since the last refresh. */
    synchronized Snapshot refresh() {
        boolean whole = generation == null;
        Changes changes = changesSince(whole ? null : seen);
        if (!whole && (!generation.equals(changes.generation) || changes.tooMany)) {
            // emptied for a replay, swapped by a rebuild, or changed all over: load it whole
            whole = true;
            changes = changesSince(null);
        }
        if (changes.participants.isEmpty() && !whole) {
            seen = changes.snapshot;
            return current;
        }
        Map<String, Digest> participants = whole ? new HashMap<>() : new HashMap<>(current.participants());
        Map<String, Set<String>> byProgramme = whole ? new HashMap<>() : new HashMap<>(current.byProgramme());
        Set<String> copied = new java.util.HashSet<>();
        boolean fresh = whole;
        changes.participants.forEach((id, facts) -> {
            Digest before = participants.remove(id);
            if (before != null) {
                before.programmes()
                        .forEach(p -> mutable(byProgramme, copied, p, fresh).remove(id));
            }
            if (!facts.isEmpty()) {
                Digest digest = digest(id, facts);
                participants.put(id, digest);
                digest.programmes()
                        .forEach(p -> mutable(byProgramme, copied, p, fresh).add(id));
            }
        });
        byProgramme.values().removeIf(Set::isEmpty);
        current = new Snapshot(
                version + 1, Collections.unmodifiableMap(participants), Collections.unmodifiableMap(byProgramme));
        // only once the new facts are published does the model move on: a failure above reads them again next time
        version++;
        generation = changes.generation;
        seen = changes.snapshot;
        if (whole) {
            analyseLater();
        }
        return current;
    }

    /**
     * The statistics of a table just filled (a replay, a rebuild, a bulk load) may be those of an empty one, and the
     * planner then reads the whole table for "written_by >= ...". Asked for after a whole load, off the request path
     * and outside its transaction; best effort.
     */
    private void analyseLater() {
        Thread thread = new Thread(
                () -> {
                    try {
                        jdbc.sql("ANALYZE " + table).update();
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(DashboardModel.class)
                                .warn("Could not analyse {} after loading it: {}", table, e.getMessage());
                    }
                },
                "dashboard-facts-analyse");
        thread.setDaemon(true);
        thread.start();
    }

    /** Her facts (not retracted) put in life order, and her stays paired from them. */
    static Digest digest(String participantId, List<DashboardFact> facts) {
        List<DashboardFact> ordered = new ArrayList<>(facts);
        ordered.sort(DashboardFact.LIFE_ORDER);
        Set<String> programmes = new TreeSet<>();
        ordered.stream()
                .filter(f -> f.kind() == Kind.ENTERED && f.programmeId() != null)
                .forEach(f -> programmes.add(f.programmeId()));
        int[] days = new int[ordered.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = (int) ordered.get(i).on().toEpochDay();
        }
        return new Digest(
                participantId,
                List.copyOf(ordered),
                days,
                List.copyOf(DashboardCalculator.staysOf(participantId, ordered)),
                Collections.unmodifiableSet(programmes));
    }

    /** The participant set of a programme, copied once per refresh before it is changed (snapshots share the rest). */
    private static Set<String> mutable(
            Map<String, Set<String>> byProgramme, Set<String> copied, String programme, boolean whole) {
        if (whole || copied.contains(programme)) {
            return byProgramme.computeIfAbsent(programme, p -> new java.util.HashSet<>());
        }
        copied.add(programme);
        Set<String> copy = new java.util.HashSet<>(byProgramme.getOrDefault(programme, Set.of()));
        byProgramme.put(programme, copy);
        return copy;
    }

    private record Changes(
            String generation, String snapshot, boolean tooMany, Map<String, List<DashboardFact>> participants) {}

    /**
     * Every fact of the participants with a row that the snapshot {@code seen} could not see (all of them when null),
     * unless more than {@link #MOST_CHANGED_ROWS} such rows were written (after a replay into the live table, say):
     * then {@code tooMany}, and the caller loads the table whole.
     */
    private Changes changesSince(String seen) {
        String[] generationAndSnapshot = new String[2];
        boolean[] tooMany = new boolean[1];
        Map<String, List<DashboardFact>> participants = new LinkedHashMap<>();
        Map<String, String> strings = new HashMap<>(); // one copy of each programme, label, ref and participant id
        Map<Integer, LocalDate> days = new HashMap<>();
        // The table name comes from a fixed list (DashboardFacts), never from input; the snapshot is written out (text
        // PostgreSQL itself gave, checked). A row the last read could not see was written by a transaction that was
        // running then or began after, so its id is at or above that read's xmin: the index on written_by is read from
        // there, in order and with a limit, so that the planner uses it whatever its statistics say. Rows written
        // after this statement's own snapshot (ids at or above its xmax) are left for the next read; so are ids from
        // another cluster's history (a restored copy), which this one's transactions never reach.
        String changed = seen == null
                ? "changed AS (SELECT DISTINCT participant_id FROM %1$s), touched AS (SELECT 0 AS n)"
                : ("touched_rows AS (SELECT participant_id FROM %1$s, snap WHERE written_by >= '" + xminOf(seen)
                        + "'::xid8 AND NOT pg_visible_in_snapshot(written_by, '" + seen + "'::pg_snapshot)"
                        + " AND written_by < snap.xmax ORDER BY written_by LIMIT " + (MOST_CHANGED_ROWS + 1) + "), "
                        + "changed AS (SELECT DISTINCT participant_id FROM touched_rows), "
                        + "touched AS (SELECT count(*) AS n FROM touched_rows)");
        jdbc.sql(("""
                        WITH snap AS (SELECT pg_current_snapshot()::text AS snapshot,
                                             pg_snapshot_xmax(pg_current_snapshot()) AS xmax,
                                             c.oid::text || '/' || c.relfilenode::text AS generation
                                        FROM pg_class c WHERE c.oid = to_regclass(:table)),
                             """ + changed + """

                        SELECT snap.generation, snap.snapshot, touched.n, ch.participant_id, f.sequence_number, f.kind,
                               f.occurred_on - DATE '1970-01-01' AS day,
                               CAST(EXTRACT(EPOCH FROM f.occurred_time) * 1000000 AS BIGINT) AS micro_of_day,
                               f.programme_id, f.label, f.ref, f.direction, f.score
                          FROM snap CROSS JOIN touched
                          LEFT JOIN changed ch ON touched.n <= %2$d
                          LEFT JOIN %1$s f ON f.participant_id = ch.participant_id AND NOT f.retracted""").formatted(table, MOST_CHANGED_ROWS))
                .param("table", table)
                .query((ResultSet rs) -> {
                    generationAndSnapshot[0] = rs.getString(1);
                    generationAndSnapshot[1] = rs.getString(2);
                    tooMany[0] = rs.getLong(3) > MOST_CHANGED_ROWS;
                    String participant = rs.getString(4);
                    if (participant == null) {
                        return;
                    }
                    participant = strings.computeIfAbsent(participant, s -> s);
                    List<DashboardFact> facts = participants.computeIfAbsent(participant, p -> new ArrayList<>());
                    if (rs.getString(6) != null) {
                        facts.add(fact(rs, participant, strings, days));
                    }
                });
        if (generationAndSnapshot[0] == null) {
            throw new IllegalStateException("No dashboard fact table " + table);
        }
        return new Changes(generationAndSnapshot[0], generationAndSnapshot[1], tooMany[0], participants);
    }

    /** The xmin of a snapshot as PostgreSQL writes it ({@code xmin:xmax:xip,...}), after checking its form. */
    private static String xminOf(String snapshot) {
        if (!snapshot.matches("[0-9]{1,20}:[0-9]{1,20}:[0-9,]{0,100000}")) {
            throw new IllegalStateException("Not a snapshot: " + snapshot);
        }
        return snapshot.substring(0, snapshot.indexOf(':'));
    }

    private static DashboardFact fact(
            ResultSet rs, String participant, Map<String, String> strings, Map<Integer, LocalDate> days)
            throws SQLException {
        long sequence = rs.getLong(5);
        Kind kind = Kind.valueOf(rs.getString(6));
        LocalDate day = days.computeIfAbsent(rs.getInt(7), d -> LocalDate.ofEpochDay(d));
        long microOfDay = rs.getLong(8);
        LocalTime time =
                rs.wasNull() ? null : org.journeyplatform.projections.shared.KeptTimes.ofMicroOfDay(microOfDay);
        String programme = shared(strings, rs.getString(9));
        String label = shared(strings, rs.getString(10));
        String ref = shared(strings, rs.getString(11));
        String direction = shared(strings, rs.getString(12));
        double total = rs.getDouble(13);
        Double score = rs.wasNull() ? null : total;
        return new DashboardFact(participant, sequence, kind, day, time, programme, label, ref, direction, score);
    }

    private static String shared(Map<String, String> strings, String value) {
        return value == null ? null : strings.computeIfAbsent(value, s -> s);
    }
}
