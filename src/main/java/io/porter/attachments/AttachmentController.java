package io.porter.attachments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.JsonBody;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Attachments", description = "Files attached to conversation and ticket parts")
class AttachmentController {

    private final Attachments attachments;

    AttachmentController(Attachments attachments) {
        this.attachments = attachments;
    }

    @PostMapping(path = "/api/v1/conversations/{id}/parts/{partId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Attach a file to a conversation part", description = "multipart/form-data, the file in the "
            + "part 'file'. 413 over the size limit; 415 for files that run programs (.exe, .js, ...) unless the workspace allows them.")
    ResponseEntity<Attachment> toConversationPart(@PathVariable long id, @PathVariable long partId, @RequestParam("file") MultipartFile file) {
        return created(Attachments.CONVERSATION_PART, id, partId, file);
    }

    @PostMapping(path = "/api/v1/tickets/{id}/parts/{partId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Attach a file to a ticket part", description = "As for conversation parts.")
    ResponseEntity<Attachment> toTicketPart(@PathVariable long id, @PathVariable long partId, @RequestParam("file") MultipartFile file) {
        return created(Attachments.TICKET_PART, id, partId, file);
    }

    private ResponseEntity<Attachment> created(String parentType, long id, long partId, MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            Attachment a = attachments.upload(CurrentWorkspace.id(), parentType, id, partId, file.getOriginalFilename(),
                    file.getContentType(), in);
            return ResponseEntity.created(URI.create("/api/v1/attachments/" + a.id())).body(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/v1/attachments/{id}")
    @Operation(summary = "Describe an attachment")
    Attachment get(@PathVariable long id) {
        return attachments.get(CurrentWorkspace.id(), id);
    }

    @GetMapping("/api/v1/attachments/{id}/content")
    @Operation(summary = "Download an attachment", description = "Always as a download (Content-Disposition: attachment) under its stored name.")
    ResponseEntity<InputStreamResource> download(@PathVariable long id) {
        long ws = CurrentWorkspace.id();
        return download(attachments, ws, id);
    }

    /** A download response: never shown inline, never sniffed, under the stored name encoded for any character. */
    static ResponseEntity<InputStreamResource> download(Attachments attachments, long ws, long id) {
        Attachment a = attachments.get(ws, id);
        return Downloads.response(a, attachments.open(ws, id));
    }

    @GetMapping("/api/v1/settings/attachments")
    @Operation(summary = "The workspace's attachment policy", description = "The size limit, the blocked file types, and whether they are allowed.")
    Attachments.Policy policy() {
        return attachments.policy(CurrentWorkspace.id());
    }

    @PutMapping("/api/v1/settings/attachments")
    @Operation(summary = "Allow or refuse files that run programs", description = "allow_blocked_types: true needs "
            + "acknowledge_risk: true: anyone who writes to the workspace could then send teammates malware.")
    Attachments.Policy updatePolicy(@RequestBody ObjectNode body) {
        return attachments.updatePolicy(CurrentWorkspace.id(), JsonBody.of(body, "allow_blocked_types", "acknowledge_risk"));
    }

}
