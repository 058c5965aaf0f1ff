package io.porter.teammates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Teammates and teams", description = "The people who answer conversations and tickets, and their teams")
class TeammateController {

    private final Teammates teammates;
    private final Teams teams;

    TeammateController(Teammates teammates, Teams teams) {
        this.teammates = teammates;
        this.teams = teams;
    }

    @GetMapping("/api/v1/teammates")
    @Operation(summary = "List teammates", description = "By name. Filters: active (true/false), role (owner, admin, agent).")
    Page<Teammate> list(@RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage,
                        @RequestParam(required = false) Boolean active, @RequestParam(required = false) String role) {
        return teammates.list(CurrentWorkspace.id(), active, role, Paging.of(page, perPage));
    }

    @GetMapping("/api/v1/teammates/{id}")
    @Operation(summary = "Get a teammate")
    Teammate get(@PathVariable long id) {
        return teammates.get(CurrentWorkspace.id(), id);
    }

    @PostMapping("/api/v1/teammates")
    @Operation(summary = "Add a teammate", description = "Fields: email (required), name, role (owner, admin, agent; "
            + "default agent), active (default true). A new person has no password until 'porter user add' gives one. 409 "
            + "when they are a teammate already.")
    ResponseEntity<Teammate> create(@RequestBody ObjectNode body) {
        Teammate t = teammates.create(CurrentWorkspace.id(), JsonBody.of(body, "email", "name", "role", "active"));
        return ResponseEntity.created(URI.create("/api/v1/teammates/" + t.id())).body(t);
    }

    @PatchMapping("/api/v1/teammates/{id}")
    @Operation(summary = "Change a teammate", description = "Fields: name, email, role, active. Name and email change "
            + "only for someone who belongs to this workspace alone (409 otherwise); the last active owner stays one.")
    Teammate update(@PathVariable long id, @RequestBody ObjectNode body) {
        return teammates.update(CurrentWorkspace.id(), id, JsonBody.of(body, "email", "name", "role", "active"));
    }

    @GetMapping("/api/v1/teams")
    @Operation(summary = "List teams", description = "By name, each with its members.")
    Page<Team> teams(@RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage) {
        return teams.list(CurrentWorkspace.id(), Paging.of(page, perPage));
    }

    @GetMapping("/api/v1/teams/{id}")
    @Operation(summary = "Get a team")
    Team team(@PathVariable long id) {
        return teams.get(CurrentWorkspace.id(), id);
    }

    @PostMapping("/api/v1/teams")
    @Operation(summary = "Create a team", description = "Fields: name (1 to 100 characters, unique in the workspace).")
    ResponseEntity<Team> createTeam(@RequestBody ObjectNode body) {
        Team t = teams.create(CurrentWorkspace.id(), JsonBody.of(body, "name"));
        return ResponseEntity.created(URI.create("/api/v1/teams/" + t.id())).body(t);
    }

    @PatchMapping("/api/v1/teams/{id}")
    @Operation(summary = "Rename a team")
    Team updateTeam(@PathVariable long id, @RequestBody ObjectNode body) {
        return teams.update(CurrentWorkspace.id(), id, JsonBody.of(body, "name"));
    }

    @DeleteMapping("/api/v1/teams/{id}")
    @Operation(summary = "Delete a team", description = "Its conversations and tickets keep their assignee and lose the team.")
    ResponseEntity<Void> deleteTeam(@PathVariable long id) {
        teams.delete(CurrentWorkspace.id(), id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/v1/teams/{id}/members/{teammateId}")
    @Operation(summary = "Put a teammate in a team", description = "Idempotent.")
    Team addMember(@PathVariable long id, @PathVariable long teammateId) {
        return teams.addMember(CurrentWorkspace.id(), id, teammateId);
    }

    @DeleteMapping("/api/v1/teams/{id}/members/{teammateId}")
    @Operation(summary = "Take a teammate out of a team", description = "Idempotent.")
    Team removeMember(@PathVariable long id, @PathVariable long teammateId) {
        return teams.removeMember(CurrentWorkspace.id(), id, teammateId);
    }
}
