package io.storefront.web;

import io.storefront.platform.ApiProblems.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the field errors a module's validation problem carries, to show each next to its field. */
final class FieldErrors {

    private FieldErrors() {}

    /** Problems without field errors (e.g. "already connected") are shown at {@code fallbackField}. */
    static Map<String, String> of(ApiException e, String fallbackField) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> properties = e.getBody().getProperties();
        if (properties != null && properties.get("errors") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("field") != null) {
                    errors.put(String.valueOf(map.get("field")), String.valueOf(map.get("message")));
                }
            }
        }
        if (errors.isEmpty()) {
            errors.put(fallbackField, String.valueOf(e.getBody().getDetail()));
        }
        return errors;
    }
}
