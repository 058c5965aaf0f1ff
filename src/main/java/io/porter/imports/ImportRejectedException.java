package io.porter.imports;

import io.porter.api.ApiException;
import io.porter.texts.Text;
import org.springframework.http.HttpStatus;

/** A file or a request an import refuses as a whole, with what to do about it. */
public class ImportRejectedException extends ApiException {

    public ImportRejectedException(String message) {
        super(HttpStatus.BAD_REQUEST, message);
    }

    public ImportRejectedException(HttpStatus status, String message) {
        super(status, message);
    }

    public ImportRejectedException(Text text) {
        super(HttpStatus.BAD_REQUEST, text);
    }

    public ImportRejectedException(HttpStatus status, Text text) {
        super(status, text);
    }
}
