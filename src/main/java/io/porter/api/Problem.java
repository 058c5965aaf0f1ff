package io.porter.api;

/** One thing wrong in a request: where (e.g. {@code events[3].email}) and a sentence saying what. */
public record Problem(String field, String message) {
}
