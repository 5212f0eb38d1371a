package io.storefront.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Dates and durations as the pages print them; called from templates as {@code T(io.storefront.web.PageFormat)}. */
public final class PageFormat {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

    private PageFormat() {}

    public static String dateTime(@Nullable Instant instant, @Nullable String zone) {
        if (instant == null) {
            return "—";
        }
        ZoneId id;
        try {
            id = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            id = ZoneId.of("UTC");
        }
        return DATE_TIME.format(instant.atZone(id));
    }

    /**
     * A link from shop data (a checkout's recovery URL) only when it is an absolute https URL: anything else
     * ({@code javascript:}, {@code data:}, {@code http:}, relative) is shown as no link at all.
     */
    public static @Nullable String httpsLink(@Nullable String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? uri.toString() : null;
        } catch (java.net.URISyntaxException malformed) {
            return null;
        }
    }

    /** How long a run took, or has been running: "850 ms", "12 s", "3 min 4 s", "1 h 2 min". */
    public static String elapsed(@Nullable Instant start, @Nullable Instant end) {
        if (start == null || end == null) {
            return "—";
        }
        long millis = java.time.Duration.between(start, end).toMillis();
        if (millis < 1000) {
            return Math.max(0, millis) + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + (seconds % 3600) / 60 + " min";
    }

    /** The zone's short name at that instant, e.g. "EST" or "CET", to print after a local time. */
    public static String zoneName(@Nullable Instant instant, @Nullable String zone) {
        ZoneId id;
        try {
            id = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            id = ZoneId.of("UTC");
        }
        return DateTimeFormatter.ofPattern("zzz", Locale.US).format((instant == null ? Instant.now() : instant).atZone(id));
    }

    /** A sync counter's key as a label: {@code checkoutLineItems} becomes "Checkout line items". */
    public static String label(String key) {
        String spaced = key.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** "about 3 min", "12 s": an ETA is an estimate, so it is rounded like one. */
    public static String duration(@Nullable Long seconds) {
        if (seconds == null || seconds < 0) {
            return "";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return "about " + Math.round(seconds / 60.0) + " min";
        }
        return "about " + (seconds / 3600) + " h " + Math.round((seconds % 3600) / 60.0) + " min";
    }
}
