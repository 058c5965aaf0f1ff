package io.porter.contacts;

import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@Tag(name = "Contacts")
class ContactExportController {

    private final ContactExport export;

    ContactExportController(ContactExport export) {
        this.export = export;
    }

    @GetMapping("/api/v1/contacts/export.csv")
    @Operation(summary = "Export contacts as CSV", description = "All contacts, or those of a tag or a search (email, phone, "
            + "user_id); every standard field, the custom fields named in 'fields' (comma-separated keys; default all), "
            + "and tags. The file imports back into Porter unchanged.")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String tag,
                                                 @RequestParam(required = false) String email,
                                                 @RequestParam(required = false) String phone,
                                                 @RequestParam(name = "user_id", required = false) String userId,
                                                 @RequestParam(required = false) String fields) {
        long ws = CurrentWorkspace.id();
        ContactQuery query = new ContactQuery(email, phone, userId, tag);
        List<String> keys = fields == null || fields.isBlank() ? null : Arrays.asList(fields.split(","));
        // checked before streaming starts, so a mistake is a proper 400 and not a broken download
        ContactExport.Plan plan = export.plan(ws, query, keys);
        String name = "contacts-" + LocalDate.now() + (tag == null ? "" : "-" + tag.replaceAll("[^\\p{L}\\p{N}]+", "-")) + ".csv";
        return io.porter.api.CsvDownload.of(name, out -> export.write(plan, out));
    }
}
