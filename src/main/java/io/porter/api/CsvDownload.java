package io.porter.api;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A CSV file sent as a download, streamed, its name encoded safely whatever characters it has. */
public final class CsvDownload {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");

    private CsvDownload() {
    }

    public static ResponseEntity<StreamingResponseBody> of(String fileName, StreamingResponseBody body) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    /** A download name made from an uploaded file's name: its .csv ending dropped, a prefix and .csv added. */
    public static String name(String prefix, String fileName) {
        return prefix + fileName.replaceAll("(?i)\\.csv$", "") + ".csv";
    }
}
