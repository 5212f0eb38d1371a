package dev.storefront.simulator.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opaque cursors shaped like Shopify's: base64 of {@code {"last_id":…,"last_value":…}}. */
final class Cursor {

    private static final Pattern FIELDS = Pattern.compile("\"last_id\":(\\d+),\"last_value\":\"?(-?\\d+)\"?");

    record Position(long id, long value) {
    }

    private Cursor() {
    }

    static String encode(long id, long value) {
        String json = "{\"last_id\":" + id + ",\"last_value\":\"" + value + "\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
        try {
            String json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            Matcher matcher = FIELDS.matcher(json);
            if (matcher.find()) {
                return new Position(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same error Shopify gives for a cursor it did not issue
        }
        throw new InvalidCursor(cursor);
    }

}
