package io.porter.attachments;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How an attachment is sent to a browser or a client, for the API and the web pages alike. */
public final class Downloads {

    /** Types a browser would run or render as a page: sent as plain bytes instead. */
    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
            "application/xml", "text/javascript", "application/javascript");

    private Downloads() {
    }

    public static ResponseEntity<InputStreamResource> response(Attachment a, InputStream bytes) {
        String type = a.contentType() == null || ACTIVE.contains(a.contentType().toLowerCase(Locale.ROOT))
                ? MediaType.APPLICATION_OCTET_STREAM_VALUE : a.contentType();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(a.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType(type))
                .contentLength(a.sizeBytes())
                .body(new InputStreamResource(bytes));
    }
}
