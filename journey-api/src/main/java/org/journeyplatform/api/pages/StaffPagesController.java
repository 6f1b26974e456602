package org.journeyplatform.api.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.journeyplatform.api.access.BreakGlassGrants;
import org.journeyplatform.api.access.StaffAssignments;
import org.journeyplatform.api.audit.AuditInterceptor;
import org.journeyplatform.api.audit.AuditLog;
import org.journeyplatform.api.dashboard.Dashboards;
import org.journeyplatform.api.instruments.InstrumentsController;
import org.journeyplatform.api.participants.ParticipantsController;
import org.journeyplatform.api.security.ParticipantAccess;
import org.journeyplatform.domain.assessment.InstrumentDefinition;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.projections.participants.FindParticipantQuery;
import org.journeyplatform.projections.participants.FindParticipantsQuery;
import org.journeyplatform.projections.participants.ParticipantView;
import org.journeyplatform.projections.peers.FindPeersQuery;
import org.journeyplatform.projections.peers.PeerView;
import org.journeyplatform.projections.summary.ParticipantSummary;
import org.journeyplatform.projections.summary.ParticipantSummaryQuery;
import org.journeyplatform.projections.timeline.ParticipantTimelineQuery;
import org.journeyplatform.projections.timeline.TimelineEntry;
import org.journeyplatform.projections.work.WorkForToday;
import org.journeyplatform.projections.work.WorkForTodayQuery;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The staff pages: a caseworker's work for today, finding and enrolling a participant, and a participant's page (where
 * she stands, her timeline, her assessments, plans, goals, network and consents, and a form for everything that can be
 * recorded). Reads go through the same queries as the API and are audited as its reads are, with the purpose she gave
 * once per session; every form sends JSON to the API's own endpoint ({@link RecordForms}), so the API's rules,
 * idempotency, If-Match and audit apply unchanged.
 */
@Controller
public class StaffPagesController {

    /** The session attribute holding the purpose she gave for opening participants' pages this session. */
    static final String PURPOSE = "journey.pages.accessPurpose";

    /**
     * How many of her latest timeline entries a page shows unless all are asked for: a long journey's page stays
     * light (a 500-entry timeline was most of a 700 KB page).
     */
    static final int SHOWN_ENTRIES = 150;

    static final List<String> PURPOSES =
            List.of("Casework with her", "Planning support with her", "A safeguarding concern", "Reviewing her record");

    private final QueryGateway queries;
    private final EventStore eventStore;
    private final org.journeyplatform.domain.journey.ErasedParticipants ledger;
    private final ParticipantAccess access;
    private final AuditInterceptor audit;
    private final Dashboards dashboards;
    private final StaffAssignments assignments;
    private final BreakGlassGrants grants;
    private final InstrumentsController instruments;
    private final RequestMappingHandlerMapping mappings;
    private final ObjectMapper json;
    private final Clock clock;
    private final Period assessmentInterval;
    /** Programmes' own assessment intervals, by programme id ({@code journey.pages.assessment-intervals}). */
    private final Map<String, Period> assessmentIntervals;

    private volatile RecordForms forms;
    private volatile RecordForms.Form enrolment;

    public StaffPagesController(
            QueryGateway queries,
            EventStore eventStore,
            org.journeyplatform.domain.journey.ErasedParticipants ledger,
            ParticipantAccess access,
            AuditInterceptor audit,
            Dashboards dashboards,
            StaffAssignments assignments,
            BreakGlassGrants grants,
            InstrumentsController instruments,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
            ObjectMapper json,
            Clock clock,
            @Value("${journey.pages.assessment-interval:P90D}") Period assessmentInterval,
            org.springframework.core.env.Environment environment) {
        this.queries = queries;
        this.eventStore = eventStore;
        this.ledger = ledger;
        this.access = access;
        this.audit = audit;
        this.dashboards = dashboards;
        this.assignments = assignments;
        this.grants = grants;
        this.instruments = instruments;
        this.mappings = mappings;
        this.json = json;
        this.clock = clock;
        this.assessmentInterval = assessmentInterval;
        this.assessmentIntervals = org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind(
                        "journey.pages.assessment-intervals",
                        org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, Period.class))
                .orElse(Map.of());
    }

    private RecordForms forms() {
        RecordForms current = forms;
        if (current == null) {
            current = new RecordForms(mappings);
            enrolment = RecordForms.enrolment(mappings);
            forms = current;
        }
        return current;
    }

    /** How many rows of each work list the home page shows before "show all". */
    static final int HOME_ROWS_SHOWN = 25;

    /** Where a signed-in member of staff starts: her work for today, or (a peer worker) her participants. */
    @GetMapping("/home")
    String home(
            @RequestParam(required = false) String all,
            Principal user,
            Authentication authentication,
            HttpServletRequest request,
            Model model) {
        if (adminOnly(authentication)) {
            return "redirect:/admin";
        }
        if (peerOnly(authentication)) {
            return "redirect:/participants";
        }
        common(authentication, model);
        LocalDate today = LocalDate.now(clock);
        List<String> programmeIds = assignments.ofStaffMember(user.getName()).stream()
                .map(StaffAssignments.Assignment::programmeId)
                .toList();
        WorkForToday work = queries.query(
                        new WorkForTodayQuery(programmeIds, today, assessmentInterval, assessmentIntervals),
                        ResponseTypes.instanceOf(WorkForToday.class))
                .join();
        // each list shows its most pressing rows first; "show all" opens one whole
        WorkForToday.Kind whole = java.util.Arrays.stream(WorkForToday.Kind.values())
                .filter(kind -> kind.name().equalsIgnoreCase(all))
                .findFirst()
                .orElse(null);
        WorkForToday shown = work.limitedTo(HOME_ROWS_SHOWN, whole);
        if (!shown.participantIds().isEmpty()) {
            // every participant named on the page is a disclosure of her identifying data, as in the API's list
            audit.record(AuditLog.Action.READ, shown.participantIds(), "GET /home", request, purpose(request));
        }
        model.addAttribute("work", work);
        model.addAttribute("shown", shown);
        model.addAttribute("programmeCount", programmeIds.size());
        return "home";
    }

    /** Find a participant by (part of) her chosen name, within her scope; and enrol a new one. */
    @GetMapping("/participants")
    String find(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String programme,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String page,
            Principal user,
            Authentication authentication,
            HttpServletRequest request,
            Model model) {
        common(authentication, model);
        forms();
        Map<String, String> programmes = dashboards.programmesOf(user.getName());
        FindParticipantsQuery.Status chosenStatus = null;
        if (peerOnly(authentication)) {
            status = null; // whether she is in a programme is not for a peer worker to know
        } else if ("in".equals(status)) {
            chosenStatus = FindParticipantsQuery.Status.IN_PROGRAMME;
        } else if ("out".equals(status)) {
            chosenStatus = FindParticipantsQuery.Status.IN_NO_PROGRAMME;
        }
        String chosenProgramme = programme != null && programmes.containsKey(programme) ? programme : null;
        int pageNumber = page != null && page.matches("\\d{1,4}") ? Integer.parseInt(page) : 0;
        String wanted = name == null ? null : name.strip();
        if (wanted != null && wanted.codePoints().anyMatch(Character::isISOControl)) {
            model.addAttribute("nameError", "A chosen name holds no control characters: type the name again.");
            wanted = null;
        }
        int size = 25;
        List<ParticipantView> found = queries.query(
                        new FindParticipantsQuery(
                                size + 1,
                                pageNumber * size,
                                assignments.visibleTo(
                                        org.springframework.security.core.context.SecurityContextHolder.getContext()
                                                .getAuthentication(),
                                        grants.participantsGrantedTo(user.getName())),
                                wanted == null || wanted.isEmpty() ? null : limit(wanted, 200),
                                chosenProgramme,
                                chosenStatus),
                        ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .join();
        boolean more = found.size() > size;
        List<ParticipantView> shown = more ? found.subList(0, size) : found;
        if (!shown.isEmpty()) {
            audit.record(
                    AuditLog.Action.READ,
                    shown.stream().map(ParticipantView::participantId).toList(),
                    "GET /participants",
                    request,
                    purpose(request));
        }
        model.addAttribute("participants", shown);
        model.addAttribute("more", more);
        model.addAttribute("page", pageNumber);
        model.addAttribute("name", wanted == null ? "" : wanted);
        model.addAttribute("programme", chosenProgramme == null ? "" : chosenProgramme);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("programmes", programmes);
        model.addAttribute("enrolment", adminOnly(authentication) ? null : enrolment);
        model.addAttribute("purpose", purpose(request));
        model.addAttribute("choices", Map.of());
        model.addAttribute("formKey", UUID.randomUUID().toString());
        model.addAttribute("today", LocalDate.now(clock));
        return "participants";
    }

    /** The purpose she gives, once per session, before the first participant's page opens. */
    @PostMapping("/purpose")
    String purpose(
            @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String other,
            @RequestParam(required = false) String returnTo,
            HttpSession session) {
        String given = "other".equals(purpose) ? other : purpose;
        String back =
                returnTo != null && returnTo.matches("^/participants/[0-9a-fA-F-]{36}(/entries/[0-9a-fA-F-]{36})?$")
                        ? returnTo
                        : "/participants";
        if (given == null
                || !org.journeyplatform.domain.shared.VisibleText.hasVisible(given)
                || org.journeyplatform.domain.shared.VisibleText.strip(given).length() > 500
                || org.journeyplatform.api.input.Text.problem(given, false).isPresent()) { // as the header's rule
            return "redirect:" + back + "?purposeMissing";
        }
        session.setAttribute(PURPOSE, org.journeyplatform.domain.shared.VisibleText.strip(given));
        return "redirect:" + back;
    }

    /** A participant's page: where she stands, her timeline, and the forms to record her journey. */
    @GetMapping("/participants/{participantId}")
    String participant(
            @PathVariable String participantId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String all,
            Authentication authentication,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        common(authentication, model);
        ParticipantId id = allowed(participantId, authentication);
        if (id == null) {
            return notFound(response, model, participantId, authentication);
        }
        String purpose = purpose(request);
        if (purpose == null) {
            return askPurpose(request, model);
        }
        boolean peerOnly = peerOnly(authentication);
        Instant asOfRecorded = null;
        if (asOf != null && !asOf.isBlank()) {
            asOfRecorded = asOfMoment(asOf.strip());
            Instant now = clock.instant();
            if (asOfRecorded == null) {
                model.addAttribute(
                        "asOfError",
                        "“As known on” must be a date like 2025-01-31 (or a moment like 2025-01-31T12:00:00Z),"
                                + " between 1900 and 9999.");
            } else if (asOfRecorded.isAfter(now)) {
                // today (its end) is as known now; a day to come is known to nobody: its day counts would run on to it
                if (LocalDate.ofInstant(asOfRecorded, ZoneOffset.UTC)
                        .isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
                    asOfRecorded = null;
                    model.addAttribute(
                            "asOfError",
                            "“As known on” cannot be a day to come: nothing is recorded yet for it. Her record as known"
                                    + " now is shown.");
                } else {
                    asOfRecorded = now;
                }
            }
        }
        audit.record(AuditLog.Action.READ, id.toString(), "GET /participants/{participantId}", request, purpose);
        ParticipantView view = profile(id);
        long version = eventStore.lastSequenceNumberFor(id.toString()).orElse(0L);
        model.addAttribute("participantId", id.toString());
        model.addAttribute("name", view.chosenName());
        model.addAttribute("view", view);
        model.addAttribute("version", version);
        model.addAttribute("peerOnly", peerOnly);
        model.addAttribute("purpose", purpose);
        model.addAttribute("asOf", asOfRecorded);
        model.addAttribute("asOfDay", asOfRecorded == null ? null : LocalDate.ofInstant(asOfRecorded, ZoneOffset.UTC));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("recordedVersion", request.getParameter("recorded"));
        RecordForms catalogue = forms();
        if (peerOnly) {
            model.addAttribute("groups", Map.of("Peer support", List.of(catalogue.byKey("peer-sessions"))));
            List<PeerView> peers = peers();
            model.addAttribute("peers", peers);
            model.addAttribute("peerNames", names(peers));
            model.addAttribute("choices", Map.of());
            model.addAttribute("instruments", List.of());
            model.addAttribute("programmes", Map.of());
            return "participant";
        }
        ParticipantSummary summary = queries.query(
                        new ParticipantSummaryQuery(id.toString(), asOfRecorded),
                        ResponseTypes.instanceOf(ParticipantSummary.class))
                .join();
        if (summary == null && asOfRecorded != null) {
            // a moment before her enrolment: there is nothing to show as it was known then
            model.addAttribute(
                    "asOfError",
                    "Her enrolment was not recorded yet at " + asOfRecorded
                            + " (it was recorded later): her record is shown" + " as it is known now.");
            asOfRecorded = null;
            model.addAttribute("asOf", null);
            model.addAttribute("asOfDay", null);
            summary = queries.query(
                            new ParticipantSummaryQuery(id.toString(), null),
                            ResponseTypes.instanceOf(ParticipantSummary.class))
                    .join();
        }
        List<TimelineEntry> timeline = queries.query(
                        new ParticipantTimelineQuery(id.toString(), asOfRecorded),
                        ResponseTypes.multipleInstancesOf(TimelineEntry.class))
                .join();
        JourneyPage journey = new JourneyPage(timeline, summary);
        List<PeerView> peers = peers();
        model.addAttribute("peers", peers);
        model.addAttribute("peerNames", names(peers));
        model.addAttribute("summary", summary);
        model.addAttribute("journey", journey);
        Set<String> kinds = new LinkedHashSet<>();
        timeline.forEach(e -> kinds.add(e.type()));
        model.addAttribute("kinds", kinds.stream().sorted().toList());
        String chosenKind = kind != null && kinds.contains(kind) ? kind : "";
        model.addAttribute("kind", chosenKind);
        List<TimelineEntry> shown = chosenKind.isEmpty()
                ? timeline
                : timeline.stream().filter(e -> e.type().equals(chosenKind)).toList();
        boolean everything = all != null;
        int hidden = everything ? 0 : Math.max(0, shown.size() - SHOWN_ENTRIES);
        model.addAttribute("timeline", shown.subList(hidden, shown.size()));
        model.addAttribute("hiddenEntries", hidden);
        model.addAttribute("all", everything);
        model.addAttribute("asOfParam", asOfRecorded == null ? null : asOfRecorded.toString());
        long lastRecorded =
                timeline.stream().mapToLong(TimelineEntry::sequenceNumber).max().orElse(-1);
        // while the timeline has not caught up with her record, the page asks again every second, 30 times at most
        int poll = request.getParameter("poll") != null
                        && request.getParameter("poll").matches("\\d{1,2}")
                ? Integer.parseInt(request.getParameter("poll"))
                : 0;
        model.addAttribute("catchingUp", asOfRecorded == null && lastRecorded < version && poll < 30);
        model.addAttribute("nextPoll", poll + 1);
        model.addAttribute("charts", write(journey.assessmentCharts()));
        boolean erased = timeline.stream().anyMatch(e -> e.type().equals("participant-erased"));
        model.addAttribute("erased", erased);
        if (erased) {
            model.addAttribute("mayRecord", false); // nothing more can be recorded for her (the API refuses it)
        }
        if (asOfRecorded == null && !adminOnly(authentication) && !erased) {
            Map<String, List<RecordForms.Form>> groups = new LinkedHashMap<>();
            for (RecordForms.Form form : catalogue.all()) {
                if (!form.perEntry()) {
                    groups.computeIfAbsent(form.group(), g -> new ArrayList<>()).add(form);
                }
            }
            model.addAttribute("groups", groups);
            model.addAttribute("choices", journey.choices());
            model.addAttribute("instruments", instrumentDefinitions());
            Map<String, String> programmes = new LinkedHashMap<>(dashboards.programmesOf(authentication.getName()));
            summary.currentProgrammes().forEach(s -> programmes.putIfAbsent(s.programmeId(), s.programmeName()));
            model.addAttribute("programmes", programmes);
        }
        return "participant";
    }

    /** One entry of her timeline, with the forms to correct or retract it. */
    @GetMapping("/participants/{participantId}/entries/{eventId}")
    String entry(
            @PathVariable String participantId,
            @PathVariable String eventId,
            Authentication authentication,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        common(authentication, model);
        ParticipantId id = allowed(participantId, authentication);
        if (id == null || peerOnly(authentication) || adminOnly(authentication)) {
            return notFound(response, model, participantId, authentication);
        }
        String purpose = purpose(request);
        if (purpose == null) {
            return askPurpose(request, model);
        }
        audit.record(AuditLog.Action.READ, id.toString(), "GET /participants/{participantId}", request, purpose);
        List<TimelineEntry> timeline = queries.query(
                        new ParticipantTimelineQuery(id.toString(), null),
                        ResponseTypes.multipleInstancesOf(TimelineEntry.class))
                .join();
        TimelineEntry entry = timeline.stream()
                .filter(e -> e.eventId().equals(eventId))
                .findFirst()
                .orElse(null);
        if (entry == null) {
            return notFound(response, model, null, authentication);
        }
        ParticipantView view = profile(id);
        RecordForms all = forms();
        model.addAttribute("participantId", id.toString());
        model.addAttribute("name", view.chosenName());
        model.addAttribute("entry", entry);
        model.addAttribute(
                "version", eventStore.lastSequenceNumberFor(id.toString()).orElse(0L));
        model.addAttribute("purpose", purpose);
        model.addAttribute("correction", all.byKey("events/{eventId}/corrections"));
        model.addAttribute("retraction", all.byKey("events/{eventId}/retraction"));
        model.addAttribute("correctable", JourneyPage.correctableValues(entry));
        return "entry";
    }

    /**
     * The moment an "as known on" names: the end of a day (UTC) for a date, the moment itself for an instant (with Z
     * or an offset) or a date and time (read as UTC); null when it is none of them or outside 1900 to 9999.
     */
    static Instant asOfMoment(String text) {
        try {
            return asOfMomentOrThrow(text);
        } catch (java.time.DateTimeException outOfRange) { // +999999999-12-31 parses, but has no next day
            return null;
        }
    }

    private static Instant asOfMomentOrThrow(String text) {
        Instant moment;
        try {
            moment = LocalDate.parse(text)
                    .plusDays(1)
                    .atStartOfDay()
                    .toInstant(ZoneOffset.UTC)
                    .minusNanos(1000);
        } catch (DateTimeParseException notADate) {
            try {
                moment = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                try {
                    moment = java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADateTime) {
                    return null;
                }
            }
        }
        return moment.isBefore(Instant.parse("1900-01-01T00:00:00Z"))
                        || moment.isAfter(Instant.parse("9999-12-31T00:00:00Z"))
                ? null
                : moment;
    }

    /** Her profile from the directory, or from her enrolment when the directory has not caught up with it yet. */
    private ParticipantView profile(ParticipantId id) {
        ParticipantView view = queries.query(
                        new FindParticipantQuery(id.toString()), ResponseTypes.instanceOf(ParticipantView.class))
                .join();
        return view != null ? view : ParticipantsController.fromEnrolment(eventStore, ledger, id);
    }

    private String askPurpose(HttpServletRequest request, Model model) {
        model.addAttribute("purposes", PURPOSES);
        model.addAttribute("returnTo", request.getRequestURI());
        model.addAttribute("missing", request.getParameter("purposeMissing") != null);
        return "purpose";
    }

    /**
     * The same 404 for anyone she may not see and for no one at all. Staff who may break the glass (not a peer worker)
     * are offered it for anything that is an id: the API's break-glass answers 404 for an id that names no one.
     */
    private String notFound(HttpServletResponse response, Model model, String raw, Authentication authentication) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        if (raw != null) {
            try {
                String id = UUID.fromString(raw).toString();
                audit.refused(id, "GET /participants/{participantId}", null);
                if (!peerOnly(authentication)) {
                    model.addAttribute("glassId", id);
                }
            } catch (IllegalArgumentException notAnId) {
                // nothing to open, no one to name in the audit log
            }
        }
        model.addAttribute("title", "No participant here");
        model.addAttribute(
                "detail",
                "No participant you may see has this address. She may be in a programme you are not assigned "
                        + "to: your manager can assign you to it. If you must open her record now, you can break the "
                        + "glass below: the reason you give is written in the audit log and reviewed by managers.");
        return "not-found";
    }

    /** Her id, when she is enrolled and the signed-in staff member may see her; else null (a 404, either way). */
    private ParticipantId allowed(String raw, Authentication authentication) {
        ParticipantId id;
        try {
            id = ParticipantId.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return access.decide(authentication.getName(), id) == ParticipantAccess.Decision.ALLOWED ? id : null;
    }

    private static String purpose(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(PURPOSE);
    }

    private List<PeerView> peers() {
        return queries.query(new FindPeersQuery(), ResponseTypes.multipleInstancesOf(PeerView.class))
                .join();
    }

    private static Map<String, String> names(List<PeerView> peers) {
        Map<String, String> names = new LinkedHashMap<>();
        peers.forEach(p -> names.put(p.peerId(), p.displayName()));
        return names;
    }

    private List<InstrumentDefinition> instrumentDefinitions() {
        return instruments.list();
    }

    private void common(Authentication authentication, Model model) {
        model.addAttribute("username", authentication.getName());
        model.addAttribute("isManager", has(authentication, "ROLE_MANAGER"));
        model.addAttribute("isPeerWorker", peerOnly(authentication));
        model.addAttribute("isAdmin", has(authentication, "ROLE_ADMIN"));
        model.addAttribute("mayRecord", !adminOnly(authentication));
    }

    /** An administrator and nothing else: she reads a journey only under break-glass, and records none. */
    private static boolean adminOnly(Authentication authentication) {
        return has(authentication, "ROLE_ADMIN")
                && !has(authentication, "ROLE_CASEWORKER")
                && !has(authentication, "ROLE_MANAGER");
    }

    private static boolean peerOnly(Authentication authentication) {
        return has(authentication, "ROLE_PEER_WORKER")
                && !has(authentication, "ROLE_CASEWORKER")
                && !has(authentication, "ROLE_MANAGER");
    }

    static boolean has(Authentication authentication, String role) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(role::equals);
    }

    private static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
