package io.storefront.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates any request may name: four-digit years from 1900. PostgreSQL, {@code java.sql.Timestamp} and date
 * arithmetic in any shop zone (a previous period, the midnight after a last day) all hold these, where a parsed
 * {@code +999999999-12-31} overflows them; before 1900 the JDBC driver's Julian calendar starts to shift days.
 */
public final class SupportedDates {

    public static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LAST_INSTANT = LAST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    static final String MESSAGE = "must be from " + FIRST + " to " + LAST;

    private SupportedDates() {}

    public static boolean contains(LocalDate date) {
        return !date.isBefore(FIRST) && !date.isAfter(LAST);
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(AFTER_LAST_INSTANT);
    }

    /** The date itself, or a 400 naming {@code field}. */
    public static LocalDate check(String field, LocalDate date) {
        if (!contains(date)) {
            throw new InvalidInput(field, MESSAGE);
        }
        return date;
    }

    /** The instant itself, or a 400 naming {@code field}. */
    public static Instant check(String field, Instant instant) {
        if (!contains(instant)) {
            throw new InvalidInput(field, MESSAGE + " (UTC)");
        }
        return instant;
    }
}
