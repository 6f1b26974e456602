package org.journeyplatform.api.participants;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.journey.AddSupportNetworkHelperCommand;
import org.journeyplatform.domain.journey.AssignPeerMentorCommand;
import org.journeyplatform.domain.journey.CloseReunificationPlanCommand;
import org.journeyplatform.domain.journey.CorrectEventCommand;
import org.journeyplatform.domain.journey.CreateSafetyPlanCommand;
import org.journeyplatform.domain.journey.DropGoalCommand;
import org.journeyplatform.domain.journey.EndPeerMentorAssignmentCommand;
import org.journeyplatform.domain.journey.GiveConsentCommand;
import org.journeyplatform.domain.journey.MarkGoalAchievedCommand;
import org.journeyplatform.domain.journey.NoteGoalProgressCommand;
import org.journeyplatform.domain.journey.NoteProtectionOrderCommand;
import org.journeyplatform.domain.journey.OpenReunificationPlanCommand;
import org.journeyplatform.domain.journey.RecordAssessmentCommand;
import org.journeyplatform.domain.journey.RecordModuleAttendanceCommand;
import org.journeyplatform.domain.journey.RecordModuleCompletionCommand;
import org.journeyplatform.domain.journey.RecordPeerSessionCommand;
import org.journeyplatform.domain.journey.RecordReunificationStepCommand;
import org.journeyplatform.domain.journey.RemoveSupportNetworkHelperCommand;
import org.journeyplatform.domain.journey.RetractEventCommand;
import org.journeyplatform.domain.journey.ReviewSafetyPlanCommand;
import org.journeyplatform.domain.journey.SetGoalCommand;
import org.journeyplatform.domain.journey.WithdrawConsentCommand;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.SafetyPlanId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Everything else staff record in a journey: curriculum modules, child reunification, peer support, assessments,
 * goals, safety, her support network, consent, and corrections and retractions of anything recorded. Each endpoint
 * sends one command; things it creates (a goal, a plan, a consent...) get an id, answered as {@code id}.
 */
@RestController
@RequestMapping("/api/v1/participants/{participantId}")
@Tag(name = "Journey records", description = "Record every part of a journey; correct or retract what was recorded")
public class JourneyRecordsController {

    private final JourneyCommandSender sender;

    public JourneyRecordsController(JourneyCommandSender sender) {
        this.sender = sender;
    }

    @PostMapping("/module-attendances")
    @Operation(summary = "Record that she attended a session of a curriculum module")
    public ResponseEntity<CommandAccepted> attendModule(
            @Valid @RequestBody JourneyRecordRequests.Module request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new RecordModuleAttendanceCommand(
                        id,
                        ProgrammeId.of(request.programmeId()),
                        new ModuleId(request.moduleId()),
                        request.when(),
                        v));
    }

    @PostMapping("/module-completions")
    @Operation(summary = "Record that she completed a curriculum module")
    public ResponseEntity<CommandAccepted> completeModule(
            @Valid @RequestBody JourneyRecordRequests.Module request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new RecordModuleCompletionCommand(
                        id,
                        ProgrammeId.of(request.programmeId()),
                        new ModuleId(request.moduleId()),
                        request.when(),
                        v));
    }

    @PostMapping("/reunification-plans")
    @Operation(summary = "Open a reunification plan for one of her children (a pseudonym, never the child's name)")
    public ResponseEntity<CommandAccepted> openPlan(
            @Valid @RequestBody JourneyRecordRequests.OpenPlan request, JourneyTarget target) {
        ReunificationPlanId plan = ReunificationPlanId.random();
        return sender.send(
                target,
                plan.toString(),
                (id, v) -> new OpenReunificationPlanCommand(
                        id, plan, request.childPseudonym(), request.note(), request.when(), v));
    }

    @PostMapping("/reunification-plans/{planId}/steps")
    @Operation(summary = "Record a step of a reunification plan, forwards or backwards")
    public ResponseEntity<CommandAccepted> recordStep(
            @PathVariable String planId, @Valid @RequestBody JourneyRecordRequests.Step request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new RecordReunificationStepCommand(
                        id, new ReunificationPlanId(uuid(planId)), request.step(), request.note(), request.when(), v));
    }

    @PostMapping("/reunification-plans/{planId}/closure")
    @Operation(summary = "Close a reunification plan")
    public ResponseEntity<CommandAccepted> closePlan(
            @PathVariable String planId,
            @Valid @RequestBody JourneyRecordRequests.ClosePlan request,
            JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new CloseReunificationPlanCommand(
                        id,
                        new ReunificationPlanId(uuid(planId)),
                        request.reason(),
                        request.note(),
                        request.when(),
                        v));
    }

    @PostMapping("/peer-mentors")
    @Operation(summary = "Assign a registered peer as her mentor")
    public ResponseEntity<CommandAccepted> assignMentor(
            @Valid @RequestBody JourneyRecordRequests.AssignMentor request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new AssignPeerMentorCommand(id, PeerId.of(request.peerId()), request.when(), v));
    }

    @PostMapping("/peer-mentors/{peerId}/end")
    @Operation(summary = "End a peer's mentoring of her")
    public ResponseEntity<CommandAccepted> endMentor(
            @PathVariable String peerId,
            @Valid @RequestBody JourneyRecordRequests.Dated request,
            JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new EndPeerMentorAssignmentCommand(
                        id, new PeerId(uuid(peerId)), request.note(), request.when(), v));
    }

    @PostMapping("/peer-sessions")
    @Operation(summary = "Record a one-to-one peer session or a group session she attended")
    public ResponseEntity<CommandAccepted> peerSession(
            @Valid @RequestBody JourneyRecordRequests.PeerSession request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new RecordPeerSessionCommand(
                        id,
                        request.peerId() == null ? null : PeerId.of(request.peerId()),
                        request.kind(),
                        request.minutes(),
                        request.note(),
                        request.when(),
                        v));
    }

    @PostMapping("/assessments")
    @Operation(
            summary =
                    "Record a reading of an assessment instrument (ors, srs, movers, ladder, or one a programme defined)")
    public ResponseEntity<CommandAccepted> assessment(
            @Valid @RequestBody JourneyRecordRequests.Assessment request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new RecordAssessmentCommand(
                        id, new InstrumentCode(request.instrument()), request.itemScores(), request.when(), v));
    }

    @PostMapping("/goals")
    @Operation(summary = "Record a goal she set herself, in her words")
    public ResponseEntity<CommandAccepted> setGoal(
            @Valid @RequestBody JourneyRecordRequests.Goal request, JourneyTarget target) {
        GoalId goal = GoalId.random();
        return sender.send(
                target,
                goal.toString(),
                (id, v) -> new SetGoalCommand(id, goal, request.description(), request.when(), v));
    }

    @PostMapping("/goals/{goalId}/progress")
    @Operation(summary = "Note progress towards one of her goals")
    public ResponseEntity<CommandAccepted> goalProgress(
            @PathVariable String goalId,
            @Valid @RequestBody JourneyRecordRequests.GoalProgress request,
            JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) ->
                        new NoteGoalProgressCommand(id, new GoalId(uuid(goalId)), request.note(), request.when(), v));
    }

    @PostMapping("/goals/{goalId}/achievement")
    @Operation(summary = "Mark one of her goals achieved")
    public ResponseEntity<CommandAccepted> goalAchieved(
            @PathVariable String goalId,
            @Valid @RequestBody JourneyRecordRequests.Dated request,
            JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) ->
                        new MarkGoalAchievedCommand(id, new GoalId(uuid(goalId)), request.note(), request.when(), v));
    }

    @PostMapping("/goals/{goalId}/dropping")
    @Operation(summary = "Record that she set one of her goals aside (her choice)")
    public ResponseEntity<CommandAccepted> goalDropped(
            @PathVariable String goalId,
            @Valid @RequestBody JourneyRecordRequests.Dated request,
            JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new DropGoalCommand(id, new GoalId(uuid(goalId)), request.note(), request.when(), v));
    }

    @PostMapping("/safety-plans")
    @Operation(summary = "Record a safety plan made with her")
    public ResponseEntity<CommandAccepted> safetyPlan(
            @Valid @RequestBody JourneyRecordRequests.SafetyPlan request, JourneyTarget target) {
        SafetyPlanId plan = SafetyPlanId.random();
        return sender.send(
                target,
                plan.toString(),
                (id, v) -> new CreateSafetyPlanCommand(id, plan, request.contents(), request.when(), v));
    }

    @PostMapping("/safety-plans/{safetyPlanId}/reviews")
    @Operation(summary = "Record a review of a safety plan (new contents, or none when unchanged)")
    public ResponseEntity<CommandAccepted> reviewSafetyPlan(
            @PathVariable String safetyPlanId,
            @Valid @RequestBody JourneyRecordRequests.SafetyPlanReview request,
            JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new ReviewSafetyPlanCommand(
                        id, new SafetyPlanId(uuid(safetyPlanId)), request.contents(), request.when(), v));
    }

    @PostMapping("/protection-orders")
    @Operation(summary = "Note a protection order in her favour")
    public ResponseEntity<CommandAccepted> protectionOrder(
            @Valid @RequestBody JourneyRecordRequests.ProtectionOrder request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new NoteProtectionOrderCommand(
                        id, request.kind(), request.expiresOn(), request.note(), request.when(), v));
    }

    @PostMapping("/support-network")
    @Operation(summary = "Add someone to her support network")
    public ResponseEntity<CommandAccepted> addHelper(
            @Valid @RequestBody JourneyRecordRequests.Helper request, JourneyTarget target) {
        HelperId helper = HelperId.random();
        return sender.send(
                target,
                helper.toString(),
                (id, v) -> new AddSupportNetworkHelperCommand(
                        id, helper, request.kind(), request.description(), request.when(), v));
    }

    @PostMapping("/support-network/{helperId}/removal")
    @Operation(summary = "Remove someone from her support network")
    public ResponseEntity<CommandAccepted> removeHelper(
            @PathVariable String helperId,
            @Valid @RequestBody JourneyRecordRequests.Dated request,
            JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new RemoveSupportNetworkHelperCommand(
                        id, new HelperId(uuid(helperId)), request.note(), request.when(), v));
    }

    @PostMapping("/consents")
    @Operation(summary = "Record a consent she gave (service or research), with its scope and expiry date")
    public ResponseEntity<CommandAccepted> giveConsent(
            @Valid @RequestBody JourneyRecordRequests.Consent request, JourneyTarget target) {
        ConsentId consent = ConsentId.random();
        return sender.send(
                target,
                consent.toString(),
                (id, v) -> new GiveConsentCommand(
                        id, consent, request.kind(), request.scope(), request.expiresOn(), request.when(), v));
    }

    @PostMapping("/consents/{consentId}/withdrawal")
    @Operation(summary = "Record that she withdrew a consent")
    public ResponseEntity<CommandAccepted> withdrawConsent(
            @PathVariable String consentId,
            @Valid @RequestBody JourneyRecordRequests.Withdrawal request,
            JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, v) -> new WithdrawConsentCommand(
                        id, new ConsentId(uuid(consentId)), request.when(), request.note(), v));
    }

    @PostMapping("/events/{eventId}/corrections")
    @Operation(
            summary = "Correct a recorded event: the fields that were wrong, their right values, and why",
            description = "Values are text: dates 2024-03-01, the time of day as occurredAt 14:30, enums by name. The "
                    + "original stays in her history, shown as corrected.")
    public ResponseEntity<CommandAccepted> correct(
            @PathVariable String eventId,
            @Valid @RequestBody JourneyRecordRequests.Correction request,
            JourneyTarget target) {
        CorrectedValues.check(request.correctedValues());
        return sender.send(
                target,
                null,
                (id, v) -> new CorrectEventCommand(id, uuid(eventId), request.correctedValues(), request.reason(), v));
    }

    @PostMapping("/events/{eventId}/retraction")
    @Operation(
            summary = "Retract a recorded event that should never have been recorded, and say why",
            description = "It stays in her history, shown as retracted, and no longer counts.")
    public ResponseEntity<CommandAccepted> retract(
            @PathVariable String eventId,
            @Valid @RequestBody JourneyRecordRequests.Retraction request,
            JourneyTarget target) {
        return sender.send(target, null, (id, v) -> new RetractEventCommand(id, uuid(eventId), request.reason(), v));
    }

    /** Ids in paths are UUIDs; anything else names nothing. */
    private static String uuid(String raw) {
        try {
            return UUID.fromString(raw).toString();
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "There is nothing with this id in her record.");
        }
    }
}
