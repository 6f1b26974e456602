package org.journeyplatform.api.peers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.journeyplatform.domain.peer.PeerRole;
import org.journeyplatform.domain.peer.RegisterPeerCommand;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.projections.peers.FindPeersQuery;
import org.journeyplatform.projections.peers.PeerView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Peers: people with lived experience who support participants as peer workers, volunteer facilitators, sponsors. */
@RestController
@RequestMapping("/api/v1/peers")
@Tag(name = "Peers", description = "Register and list peer workers, volunteer facilitators and sponsors")
public class PeersController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    public PeersController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Register a peer. */
    public record RegisterPeer(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String displayName,

            @NotNull PeerRole role,
            @NotNull @Min(0) @Max(10000) Integer trainingHours) {}

    /** The new peer's id. */
    public record PeerRegistered(String peerId) {}

    @PostMapping
    @Operation(summary = "Register a peer worker, volunteer facilitator or sponsor")
    public ResponseEntity<PeerRegistered> register(@Valid @RequestBody RegisterPeer request) {
        PeerId id = PeerId.random();
        commands.sendAndWait(
                new RegisterPeerCommand(id, request.displayName(), request.role(), request.trainingHours()),
                15,
                TimeUnit.SECONDS);
        return ResponseEntity.created(URI.create("/api/v1/peers/" + id)).body(new PeerRegistered(id.toString()));
    }

    @GetMapping("/{peerId}")
    @Operation(summary = "One registered peer")
    public PeerView get(@org.springframework.web.bind.annotation.PathVariable String peerId) {
        return list().stream()
                .filter(p -> p.peerId().equals(peerId))
                .findFirst()
                .orElseThrow(() -> new org.journeyplatform.api.problems.ApiProblem(
                        org.journeyplatform.api.problems.ProblemType.NOT_FOUND, "No peer has this id."));
    }

    @GetMapping
    @Operation(summary = "All registered peers, by name")
    public List<PeerView> list() {
        return queries.query(new FindPeersQuery(), ResponseTypes.multipleInstancesOf(PeerView.class))
                .join();
    }
}
