package io.porter.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.porter.values.InvalidValueException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as RFC 9457 problem+json with a sentence a person understands. A user's mistake
 * is a 4xx; only Porter's own faults are 500, and those say no more than that.
 */
@RestControllerAdvice(basePackages = "io.porter")
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalidValue(InvalidValueException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid value", e.getMessage());
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
        if (e.value() != null) {
            p.setProperty("value", e.value());
        }
        return p;
    }

    @ExceptionHandler(ApiException.class)
    ProblemDetail api(ApiException e) {
        ProblemDetail p = problem(e.status(), e.status().getReasonPhrase(), e.getMessage());
        e.details().forEach(p::setProperty);
        return p;
    }

    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ProblemDetail multipart(org.springframework.web.multipart.MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad upload",
                "The upload could not be read: send the file as multipart/form-data in a part named 'file'");
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        p.setProperty("errors", e.problems());
        return p;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == java.util.UUID.class
                ? "id; ids look like 0b9e5c4e-8d1f-4c3a-9f2e-6a7b8c9d0e1f"
                : e.getRequiredType() == Integer.class || e.getRequiredType() == int.class ? "whole number" : e.getName();
        return problem(HttpStatus.BAD_REQUEST, "Invalid value",
                e.getName() + ": '" + e.getValue() + "' is not a valid " + expected);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong inside Porter; the request was not applied. Try again, and report it if it persists.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String detail;
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'" + where(u) + "; the fields are: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        } else if (cause instanceof InvalidValueException iv) {
            return ResponseEntity.badRequest().body(invalidValue(iv));
        } else if (cause instanceof JsonMappingException m && m.getCause() instanceof InvalidValueException iv) {
            return ResponseEntity.badRequest().body(invalidValue(iv));
        } else if (cause instanceof InvalidFormatException f) {
            detail = "'" + f.getValue() + "'" + where(f) + " is not a valid " + f.getTargetType().getSimpleName().toLowerCase();
        } else if (cause instanceof JsonMappingException m && !(cause instanceof com.fasterxml.jackson.core.JsonParseException)) {
            detail = "The request body does not have the expected shape" + where(m) + ": " + m.getOriginalMessage();
        } else if (cause != null) {
            detail = "The request body is not valid JSON: " + cause.getMessage().split("\n")[0];
        } else {
            detail = "The request body is missing or is not valid JSON";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request", detail));
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "" : " at " + path;
    }

    public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
