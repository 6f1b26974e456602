package org.journeyplatform.api.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.journeyplatform.api.dashboard.Dashboards;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.security.PageSecurityConfiguration;
import org.journeyplatform.projections.dashboard.Cell;
import org.journeyplatform.projections.dashboard.Interval;
import org.journeyplatform.projections.dashboard.ProgrammeDashboard;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The programme dashboard page: a programme picker (or all programmes), the period, headline numbers and four charts.
 * Server-rendered with Thymeleaf; picking a programme or a period swaps the figures in place with htmx. It shows the
 * same {@link ProgrammeDashboard} as the JSON API, small cells suppressed.
 */
@Controller
public class DashboardPageController {

    private static final String ALL = "all";
    private static final Map<String, String> HEADLINE_LABELS = Map.of(
            "participants",
            "Participants in the period",
            "activeNow",
            "In the programme now",
            "entries",
            "Entries",
            "reentries",
            "Re-entries",
            "exits",
            "Exits");

    private final Dashboards dashboards;
    private final ObjectMapper json;

    public DashboardPageController(Dashboards dashboards, ObjectMapper json) {
        this.dashboards = dashboards;
        this.json = json;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/home";
    }

    /** The sign-in form; after a wrong password it keeps the username that was typed. */
    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        Object username = session == null ? null : session.getAttribute(PageSecurityConfiguration.LAST_USERNAME);
        if (username instanceof String typed && request.getParameter("error") != null) {
            model.addAttribute("username", typed);
        }
        if (session != null) {
            session.removeAttribute(PageSecurityConfiguration.LAST_USERNAME);
        }
        return "login";
    }

    /**
     * The page for a refusal: a role the pages are not for, or a form sent without its CSRF token (Spring Security
     * forwards the refused request here with its own method, so every method is answered, always 403).
     */
    @RequestMapping("/forbidden")
    String forbidden(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "forbidden";
    }

    @GetMapping("/dashboard")
    String page(
            @RequestParam(required = false) String programme,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String interval,
            Principal user,
            Model model) {
        fill(programme, from, to, interval, user, model);
        return "dashboard";
    }

    /** The figures alone, for htmx to swap in; the address bar follows the choice. */
    @GetMapping("/dashboard/figures")
    String figures(
            @RequestParam(required = false) String programme,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String interval,
            Principal user,
            Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            HttpServletResponse response) {
        fill(programme, from, to, interval, user, model);
        if (htmx != null) {
            response.setHeader(
                    "HX-Push-Url",
                    UriComponentsBuilder.fromPath("/dashboard")
                            .queryParam("programme", model.getAttribute("programme"))
                            .queryParam("from", model.getAttribute("from"))
                            .queryParam("to", model.getAttribute("to"))
                            .queryParam("interval", model.getAttribute("interval"))
                            .toUriString());
        }
        return "dashboard :: figures";
    }

    private void fill(String programme, String from, String to, String interval, Principal user, Model model) {
        Map<String, String> programmes = dashboards.programmesOf(user.getName());
        String chosen = programme == null || programme.isBlank() ? ALL : programme;
        model.addAttribute("programmes", programmes);
        model.addAttribute("programme", chosen);
        model.addAttribute("username", user.getName());
        model.addAttribute("labels", HEADLINE_LABELS);
        String chosenInterval = interval == null || interval.isBlank()
                ? PAGE_INTERVAL
                : interval.strip().toLowerCase(Locale.ROOT);
        model.addAttribute("interval", chosenInterval);
        try {
            LocalDate last = dashboards.toOrToday(date(to, "to"));
            LocalDate given = date(from, "from");
            LocalDate first = given != null ? given : lastTwoYears(last);
            model.addAttribute("from", first);
            model.addAttribute("to", last);
            Interval by = Dashboards.interval(chosenInterval);
            ProgrammeDashboard dashboard = ALL.equals(chosen)
                    ? dashboards.ofAll(user.getName(), first, last, by)
                    : dashboards.ofProgramme(user.getName(), chosen, first, last, by);
            model.addAttribute("dashboard", dashboard);
            model.addAttribute("charts", charts(dashboard));
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.getMessage());
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        }
    }

    /**
     * The page opens on the last two years by quarter (the API's default is the last twelve months by month): a
     * quarter gathers enough entries and exits in a programme of a few dozen people for its figures to be shown.
     */
    static final String PAGE_INTERVAL = "quarter";

    /** The first day of the quarter seven quarters before the one holding {@code last}: eight quarters in all. */
    static LocalDate lastTwoYears(LocalDate last) {
        LocalDate quarterStart = last.withDayOfMonth(1).minusMonths((last.getMonthValue() - 1) % 3);
        return quarterStart.minusMonths(21);
    }

    private static LocalDate date(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be a date like 2025-01-31.");
        }
    }

    /** The charts' data as JSON, one attribute per chart: suppressed cells are null, with their text beside. */
    private Map<String, String> charts(ProgrammeDashboard dashboard) {
        Map<String, String> charts = new LinkedHashMap<>();
        int t = dashboard.threshold();
        charts.put(
                "movement",
                write(Map.of(
                        "threshold",
                        dashboard.threshold(),
                        "counts",
                        true,
                        "labels",
                        dashboard.movement().stream()
                                .map(ProgrammeDashboard.Period::period)
                                .toList(),
                        "series",
                        List.of(
                                series(
                                        "Entries",
                                        dashboard.movement().stream()
                                                .map(ProgrammeDashboard.Period::entries)
                                                .toList(),
                                        t),
                                series(
                                        "Re-entries",
                                        dashboard.movement().stream()
                                                .map(ProgrammeDashboard.Period::reentries)
                                                .toList(),
                                        t),
                                series(
                                        "Exits",
                                        dashboard.movement().stream()
                                                .map(ProgrammeDashboard.Period::exits)
                                                .toList(),
                                        t)))));
        charts.put(
                "retention",
                write(Map.of(
                        "suppressed",
                        dashboard.retention().suppressed(),
                        "display",
                        Objects.toString(dashboard.retention().display(), ""),
                        "points",
                        dashboard.retention().points())));
        Map<String, Cell> byType = new LinkedHashMap<>(dashboard.milestones());
        byType.remove("total");
        byType.remove("medianDaysFromEntryToFirst");
        charts.put(
                "milestones",
                write(Map.of(
                        "threshold",
                        dashboard.threshold(),
                        "counts",
                        true,
                        "labels",
                        byType.keySet().stream()
                                .map(DashboardPageController::words)
                                .toList(),
                        "series",
                        List.of(series("Milestones", List.copyOf(byType.values()), t)))));
        charts.put(
                "assessments",
                write(Map.of(
                        "threshold",
                        dashboard.threshold(),
                        "counts",
                        false,
                        "labels",
                        dashboard.assessments().stream()
                                .map(ProgrammeDashboard.Assessment::instrument)
                                .toList(),
                        "series",
                        List.of(
                                series(
                                        "First reading (mean)",
                                        dashboard.assessments().stream()
                                                .map(ProgrammeDashboard.Assessment::meanFirst)
                                                .toList(),
                                        t),
                                series(
                                        "Latest reading (mean)",
                                        dashboard.assessments().stream()
                                                .map(ProgrammeDashboard.Assessment::meanLatest)
                                                .toList(),
                                        t)))));
        return charts;
    }

    /**
     * One series of a chart: its values (null where hidden or where there is no data), the text of each for the
     * tooltip, and the mark drawn where a hidden figure would be ("<11" for a small count, "hidden" for any other
     * hidden figure; none where there is simply no data).
     */
    private static Map<String, Object> series(String label, List<Cell> cells, int threshold) {
        return Map.of(
                "label",
                label,
                "values",
                cells.stream().map(Cell::value).toList(),
                "texts",
                cells.stream().map(Cell::display).toList(),
                "marks",
                cells.stream()
                        .map(c -> !c.suppressed() ? null : c.smallCount() ? "<" + threshold : c.shortDisplay())
                        .toList());
    }

    /** {@code STABLE_HOUSING} becomes "Stable housing". */
    public static String words(String constant) {
        String text = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write chart data", e);
        }
    }
}
