package io.porter.api;

import io.porter.texts.Text;
import org.springframework.http.HttpStatus;

/** A request Porter refuses, with the status and a message for the person who sent it. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Text text;

    public ApiException(HttpStatus status, String message) {
        this(status, Text.verbatim(message));
    }

    public ApiException(HttpStatus status, Text text) {
        super(text.english());
        this.status = status;
        this.text = text;
    }

    public Text text() {
        return text;
    }

    /** The message in the reader's language (the API and the logs speak English). */
    public String message(java.util.Locale locale) {
        return text.in(locale);
    }

    /** Extra members of the problem+json body, such as a list of problems. */
    public java.util.Map<String, Object> details() {
        return java.util.Map.of();
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }
}
