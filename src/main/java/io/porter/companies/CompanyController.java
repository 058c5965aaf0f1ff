package io.porter.companies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/companies")
@Tag(name = "Companies", description = "Companies and the contacts that belong to them")
class CompanyController {

    private final Companies companies;

    CompanyController(Companies companies) {
        this.companies = companies;
    }

    @GetMapping
    @Operation(summary = "List companies", description = "By name. Filters: name (part of it, any case), external_id.")
    Page<Company> list(@RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage,
                       @RequestParam(required = false) String name, @RequestParam(name = "external_id", required = false) String externalId) {
        return companies.list(CurrentWorkspace.id(), name, externalId, Paging.of(page, perPage));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a company")
    Company get(@PathVariable long id) {
        return companies.get(CurrentWorkspace.id(), id);
    }

    @PostMapping
    @Operation(summary = "Create a company", description = "Fields: name (required), external_id, website, industry, size, custom_attributes.")
    ResponseEntity<Company> create(@RequestBody ObjectNode body) {
        Company c = companies.create(CurrentWorkspace.id(), JsonBody.of(body, Companies.FIELDS));
        return ResponseEntity.created(URI.create("/api/v1/companies/" + c.id())).body(c);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a company", description = "Only the fields present change; null clears. In "
            + "custom_attributes a key set to null is removed.")
    Company update(@PathVariable long id, @RequestBody ObjectNode body) {
        return companies.update(CurrentWorkspace.id(), id, JsonBody.of(body, Companies.FIELDS));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a company", description = "Its contacts stay; they no longer belong to it.")
    ResponseEntity<Void> delete(@PathVariable long id) {
        companies.delete(CurrentWorkspace.id(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/contacts")
    @Operation(summary = "List the contacts of a company")
    Page<Companies.Member> contacts(@PathVariable long id, @RequestParam(required = false) Integer page,
                                    @RequestParam(name = "per_page", required = false) Integer perPage) {
        return companies.contacts(CurrentWorkspace.id(), id, Paging.of(page, perPage));
    }

    @PutMapping("/{id}/contacts/{contactId}")
    @Operation(summary = "Link a contact to a company", description = "Idempotent.")
    Company attach(@PathVariable long id, @PathVariable UUID contactId) {
        return companies.attach(CurrentWorkspace.id(), id, contactId);
    }

    @DeleteMapping("/{id}/contacts/{contactId}")
    @Operation(summary = "Unlink a contact from a company", description = "Idempotent.")
    Company detach(@PathVariable long id, @PathVariable UUID contactId) {
        return companies.detach(CurrentWorkspace.id(), id, contactId);
    }
}
