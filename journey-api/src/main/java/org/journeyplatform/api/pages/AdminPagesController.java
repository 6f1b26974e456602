package org.journeyplatform.api.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.journeyplatform.api.audit.AuditInterceptor;
import org.journeyplatform.api.audit.AuditLog;
import org.journeyplatform.api.security.ParticipantAccess;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' pages: the audit log's verification, break-glass (a reasoned, 60-minute, audited opening of one
 * record) and erasure, with a confirmation that says what will be lost without showing any of it. Break-glass and
 * erasure are sent by the record forms' script to the API's own endpoints, so their rules and audit are the API's.
 */
@Controller
public class AdminPagesController {

    private final AuditLog auditLog;
    private final AuditInterceptor audit;
    private final ParticipantAccess access;
    private final EventStore eventStore;

    public AdminPagesController(
            AuditLog auditLog, AuditInterceptor audit, ParticipantAccess access, EventStore eventStore) {
        this.auditLog = auditLog;
        this.audit = audit;
        this.access = access;
        this.eventStore = eventStore;
    }

    @GetMapping("/admin")
    String admin(
            @RequestParam(required = false) String verify,
            @RequestParam(required = false) String erased,
            Authentication authentication,
            Model model) {
        common(authentication, model);
        if (verify != null) {
            model.addAttribute("verification", auditLog.verify());
        }
        model.addAttribute("erased", erased != null && isId(erased) ? erased : null);
        model.addAttribute("grantKey", UUID.randomUUID().toString());
        return "admin";
    }

    /**
     * What erasing her would destroy, named by kind and counted (never shown), and the form that erases her. An id
     * that names no one, or someone already erased, says so.
     */
    @GetMapping("/admin/erasure")
    String erasure(
            @RequestParam(required = false) String participant,
            Authentication authentication,
            HttpServletRequest request,
            Model model) {
        common(authentication, model);
        String raw = participant == null ? "" : participant.strip();
        model.addAttribute("participant", raw);
        if (!isId(raw) || !access.isEnrolled(ParticipantId.of(UUID.fromString(raw)))) {
            model.addAttribute("problem", "No participant has this id. Copy the id from the erasure request.");
            return "erasure";
        }
        ParticipantId id = ParticipantId.of(UUID.fromString(raw));
        // what her record holds is read (counted, never shown): written in the audit log as a read for an erasure
        audit.record(AuditLog.Action.READ, id.toString(), "GET /admin/erasure", request, "erasure");
        Map<String, Integer> personal = new LinkedHashMap<>();
        int entries = 0;
        LocalDate enrolledOn = null;
        boolean alreadyErased = false;
        DomainEventStream events = eventStore.readEvents(id.toString(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            Object payload = message.getPayload();
            entries++;
            if (payload instanceof ParticipantEnrolledEvent enrolled) {
                enrolledOn = enrolled.occurredOn().date();
            }
            if (payload instanceof ParticipantErasedEvent) {
                alreadyErased = true;
            }
            if (payload.getClass().isRecord()) {
                for (RecordComponent component : payload.getClass().getRecordComponents()) {
                    if (component.isAnnotationPresent(PersonalData.class) && present(component, payload)) {
                        personal.merge(RecordForms.words(component.getName()).toLowerCase(), 1, Integer::sum);
                    }
                }
            }
        }
        model.addAttribute("participantId", id.toString());
        model.addAttribute("entries", entries);
        model.addAttribute("enrolledOn", enrolledOn);
        model.addAttribute("personal", personal);
        model.addAttribute("alreadyErased", alreadyErased);
        model.addAttribute("version", "");
        return "erasure";
    }

    private static boolean present(RecordComponent component, Object payload) {
        try {
            Object value = component.getAccessor().invoke(payload);
            return value != null
                    && !(value instanceof String text && (text.isBlank() || text.equals(PersonalData.ERASED)))
                    && !(value instanceof Collection<?> c && c.isEmpty())
                    && !(value instanceof Map<?, ?> m && m.isEmpty());
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static boolean isId(String raw) {
        try {
            UUID.fromString(raw);
            return raw.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void common(Authentication authentication, Model model) {
        model.addAttribute("username", authentication.getName());
        model.addAttribute("isManager", false);
        model.addAttribute("isPeerWorker", false);
        model.addAttribute("isAdmin", true);
        model.addAttribute("choices", Map.of());
    }
}
