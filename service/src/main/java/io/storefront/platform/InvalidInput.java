package io.storefront.platform;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request value no endpoint can take (a NUL character, a date outside {@link SupportedDates}): 400 naming the field. */
public final class InvalidInput extends ApiProblems.ApiException {

    public InvalidInput(String field, String message) {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "'" + field + "' " + message + ".");
        getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
    }
}
