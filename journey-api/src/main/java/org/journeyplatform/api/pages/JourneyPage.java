package org.journeyplatform.api.pages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.journeyplatform.projections.summary.ParticipantSummary;
import org.journeyplatform.projections.timeline.TimelineEntry;

/**
 * The parts of a participant's page read from her timeline as it counts (retracted entries left out, corrections
 * applied): reunification plans with their steps, goals with their progress notes, her support network, safety
 * plans, mentors, assessment scores over time, and the choices the forms offer (which plan, which goal...).
 */
public final class JourneyPage {

    public record Step(String step, String direction, LocalDate on, Object note) {}

    public record Plan(
            String planId, String childPseudonym, LocalDate openedOn, List<Step> steps, String closedReason) {
        public boolean open() {
            return closedReason == null;
        }
    }

    public record Note(LocalDate on, Object note) {}

    public record Goal(String goalId, Object description, LocalDate setOn, String status, List<Note> notes) {}

    public record Helper(String helperId, String kind, Object description, LocalDate addedOn, LocalDate removedOn) {}

    public record SafetyPlan(String safetyPlanId, LocalDate createdOn, int reviews, LocalDate lastReviewedOn) {}

    public record Choice(String value, String label) {}

    private final List<TimelineEntry> counted;
    private final ParticipantSummary summary;
    private final Map<String, Plan> plans = new LinkedHashMap<>();
    private final Map<String, Goal> goals = new LinkedHashMap<>();
    private final Map<String, Helper> helpers = new LinkedHashMap<>();
    private final Map<String, SafetyPlan> safetyPlans = new LinkedHashMap<>();
    private final Map<String, LocalDate> mentors = new LinkedHashMap<>();

    public JourneyPage(List<TimelineEntry> timeline, ParticipantSummary summary) {
        this.summary = summary;
        this.counted =
                timeline.stream().filter(e -> !"retracted".equals(e.status())).toList();
        for (TimelineEntry e : counted) {
            Map<String, Object> d = e.details() == null ? Map.of() : e.details();
            switch (e.type()) {
                case "reunification-plan-opened" ->
                    plans.put(
                            text(d, "planId"),
                            new Plan(
                                    text(d, "planId"),
                                    text(d, "childPseudonym"),
                                    e.occurredOn(),
                                    new ArrayList<>(),
                                    null));
                case "reunification-step-recorded" -> {
                    Plan plan = plans.get(text(d, "planId"));
                    if (plan != null) {
                        plan.steps()
                                .add(new Step(text(d, "step"), text(d, "direction"), e.occurredOn(), d.get("note")));
                    }
                }
                case "reunification-plan-closed" ->
                    plans.computeIfPresent(
                            text(d, "planId"),
                            (k, p) -> new Plan(
                                    p.planId(), p.childPseudonym(), p.openedOn(), p.steps(), text(d, "reason")));
                case "goal-set" ->
                    goals.put(
                            text(d, "goalId"),
                            new Goal(
                                    text(d, "goalId"),
                                    d.get("description"),
                                    e.occurredOn(),
                                    "active",
                                    new ArrayList<>()));
                case "goal-progress-noted" -> {
                    Goal goal = goals.get(text(d, "goalId"));
                    if (goal != null) {
                        goal.notes().add(new Note(e.occurredOn(), d.get("note")));
                    }
                }
                case "goal-achieved" ->
                    goals.computeIfPresent(
                            text(d, "goalId"),
                            (k, g) -> new Goal(g.goalId(), g.description(), g.setOn(), "achieved", g.notes()));
                case "goal-dropped" ->
                    goals.computeIfPresent(
                            text(d, "goalId"),
                            (k, g) -> new Goal(g.goalId(), g.description(), g.setOn(), "set aside", g.notes()));
                case "support-network-helper-added" ->
                    helpers.put(
                            text(d, "helperId"),
                            new Helper(
                                    text(d, "helperId"), text(d, "kind"), d.get("description"), e.occurredOn(), null));
                case "support-network-helper-removed" ->
                    helpers.computeIfPresent(
                            text(d, "helperId"),
                            (k, h) -> new Helper(h.helperId(), h.kind(), h.description(), h.addedOn(), e.occurredOn()));
                case "safety-plan-created" ->
                    safetyPlans.put(
                            text(d, "safetyPlanId"), new SafetyPlan(text(d, "safetyPlanId"), e.occurredOn(), 0, null));
                case "safety-plan-reviewed" ->
                    safetyPlans.computeIfPresent(
                            text(d, "safetyPlanId"),
                            (k, s) -> new SafetyPlan(s.safetyPlanId(), s.createdOn(), s.reviews() + 1, e.occurredOn()));
                case "peer-mentor-assigned" -> mentors.put(text(d, "peerId"), e.occurredOn());
                case "peer-mentor-assignment-ended" -> mentors.remove(text(d, "peerId"));
                default -> {}
            }
        }
    }

    public List<Plan> plans() {
        return List.copyOf(plans.values());
    }

    public List<Goal> goals() {
        return List.copyOf(goals.values());
    }

    public List<Helper> helpers() {
        return List.copyOf(helpers.values());
    }

    public List<SafetyPlan> safetyPlans() {
        return List.copyOf(safetyPlans.values());
    }

    public List<String> mentors() {
        return List.copyOf(mentors.keySet());
    }

    /** What a form's path asks to choose (which plan, goal, helper, consent, safety plan or mentor), by its name. */
    public Map<String, List<Choice>> choices() {
        Map<String, List<Choice>> choices = new LinkedHashMap<>();
        choices.put(
                "planId",
                plans.values().stream()
                        .filter(Plan::open)
                        .map(p -> new Choice(p.planId(), p.childPseudonym() + " (opened " + p.openedOn() + ")"))
                        .toList());
        choices.put(
                "goalId",
                goals.values().stream()
                        .filter(g -> g.status().equals("active"))
                        .map(g -> new Choice(g.goalId(), String.valueOf(g.description())))
                        .toList());
        choices.put(
                "helperId",
                helpers.values().stream()
                        .filter(h -> h.removedOn() == null)
                        .map(h -> new Choice(
                                h.helperId(),
                                DashboardPageController.words(String.valueOf(h.kind()))
                                        + (h.description() == null ? "" : ": " + h.description())))
                        .toList());
        choices.put(
                "safetyPlanId",
                safetyPlans.values().stream()
                        .map(s -> new Choice(s.safetyPlanId(), "Safety plan of " + s.createdOn()))
                        .toList());
        choices.put(
                "peerId", mentors.keySet().stream().map(p -> new Choice(p, p)).toList());
        choices.put(
                "consentId",
                summary == null
                        ? List.of()
                        : summary.consents().stream()
                                .filter(c -> c.withdrawnOn() == null)
                                .map(c -> new Choice(
                                        c.consentId(),
                                        DashboardPageController.words(c.kind()) + ": " + c.scope() + " (until "
                                                + c.expiresOn() + ")"))
                                .toList());
        return choices;
    }

    /**
     * Her assessment scores over time, one chart per instrument: the dates of her readings, the total (when the
     * instrument has one) and each subscale; the first and the latest reading are marked on the page.
     */
    public List<Map<String, Object>> assessmentCharts() {
        Map<String, List<TimelineEntry>> byInstrument = new LinkedHashMap<>();
        for (TimelineEntry e : counted) {
            if (e.type().equals("assessment-recorded") && e.details() != null) {
                byInstrument
                        .computeIfAbsent(text(e.details(), "instrument"), i -> new ArrayList<>())
                        .add(e);
            }
        }
        List<Map<String, Object>> charts = new ArrayList<>();
        byInstrument.forEach((instrument, readings) -> {
            List<TimelineEntry> sorted = readings.stream()
                    .sorted(java.util.Comparator.comparing(TimelineEntry::occurredOn)
                            .thenComparing(TimelineEntry::sequenceNumber))
                    .toList();
            List<String> labels =
                    sorted.stream().map(e -> e.occurredOn().toString()).toList();
            Map<String, List<Object>> series = new LinkedHashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                Map<String, Object> d = sorted.get(i).details();
                if (d.get("total") instanceof Number total) {
                    series.computeIfAbsent("Total", k -> new ArrayList<>(nulls(labels.size())))
                            .set(i, total);
                }
                if (d.get("subscaleScores") instanceof Map<?, ?> subscales) {
                    for (Map.Entry<?, ?> s : subscales.entrySet()) {
                        series.computeIfAbsent(String.valueOf(s.getKey()), k -> new ArrayList<>(nulls(labels.size())))
                                .set(i, s.getValue());
                    }
                }
            }
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("instrument", instrument);
            chart.put("labels", labels);
            chart.put(
                    "series",
                    series.entrySet().stream()
                            .map(s -> Map.of("label", s.getKey(), "values", s.getValue()))
                            .toList());
            chart.put("first", labels.get(0));
            chart.put("latest", labels.get(labels.size() - 1));
            chart.put("readings", labels.size());
            charts.add(chart);
        });
        return charts;
    }

    /**
     * The values of an entry a correction form offers to change, as text: its date and time, and each of its details
     * that is one value (lists and maps, such as item scores, are corrected through the API).
     */
    public static Map<String, String> correctableValues(TimelineEntry entry) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("occurredOn", String.valueOf(entry.occurredOn()));
        values.put(
                "occurredAt",
                entry.occurredTime() == null ? "" : entry.occurredTime().toString());
        if (entry.details() != null) {
            entry.details().forEach((key, value) -> {
                if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>) && !key.endsWith("Id")) {
                    values.put(key, value == null ? "" : String.valueOf(value));
                }
            });
        }
        return values;
    }

    /**
     * A detail of a timeline entry in words: a constant ({@code LEFT_BY_CHOICE}) as "Left by choice", a list of them
     * joined, item or subscale scores as "code: score" pairs, true and false as yes and no; text as it was written.
     */
    public static String shown(Object value) {
        if (value instanceof String text) {
            return text.matches("[A-Z][A-Z0-9_]*") && text.length() > 1 ? DashboardPageController.words(text) : text;
        }
        if (value instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty()
                    ? "none"
                    : String.join(", ", list.stream().map(JourneyPage::shown).toList());
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty()
                    ? "none"
                    : String.join(
                            ", ",
                            map.entrySet().stream()
                                    .map(e -> e.getKey() + ": " + shown(e.getValue()))
                                    .toList());
        }
        return String.valueOf(value);
    }

    /** Whether a form's path asks for a choice (a plan, a goal...) of which there is none yet. */
    public static boolean missingChoice(RecordForms.Form form, Map<String, List<Choice>> choices) {
        return form.pathChoices().stream()
                .filter(c -> !c.equals("participantId") && !c.equals("eventId"))
                .anyMatch(c -> choices == null
                        || choices.get(c) == null
                        || choices.get(c).isEmpty());
    }

    private static List<Object> nulls(int size) {
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(null);
        }
        return list;
    }

    private static String text(Map<String, Object> details, String key) {
        Object value = details.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
