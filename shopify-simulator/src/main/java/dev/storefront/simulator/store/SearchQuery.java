package dev.storefront.simulator.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Shopify's search syntax that syncs use: {@code field:>value} terms on timestamps and ids,
 * joined by {@code AND} (a space means AND too). Unknown fields are ignored, as Shopify ignores a term it
 * cannot parse instead of failing the query.
 *
 * @param terms each a closed range of epoch seconds (or of ids) on one field
 */
public record SearchQuery(List<Term> terms) {

    public static final SearchQuery ALL = new SearchQuery(List.of());

    private static final Pattern TERM = Pattern.compile(
            "(\\w+):(>=|<=|>|<|=)?\\s*(?:'([^']*)'|\"([^\"]*)\"|([^\\s)]+))");

    /** A field constrained to {@code [min, max]} (inclusive). */
    public record Term(String field, long min, long max) {
        boolean accepts(long value) {
            return value >= min && value <= max;
        }
    }

    public static SearchQuery parse(String query, ZoneId shopZone) {
        if (query == null || query.isBlank()) {
            return ALL;
        }
        List<Term> terms = new ArrayList<>();
        Matcher matcher = TERM.matcher(query);
        while (matcher.find()) {
            String field = matcher.group(1).toLowerCase();
            String operator = matcher.group(2) == null ? "=" : matcher.group(2);
            String raw = matcher.group(3) != null ? matcher.group(3) : matcher.group(4) != null ? matcher.group(4) : matcher.group(5);
            Long value = field.equals("id") ? parseLong(raw) : parseSeconds(raw, shopZone);
            if (value == null || !(field.equals("id") || field.endsWith("_at"))) {
                continue;
            }
            terms.add(switch (operator) {
                case ">" -> new Term(field, value + 1, Long.MAX_VALUE);
                case ">=" -> new Term(field, value, Long.MAX_VALUE);
                case "<" -> new Term(field, Long.MIN_VALUE, value - 1);
                case "<=" -> new Term(field, Long.MIN_VALUE, value);
                default -> raw.length() == 10 && !field.equals("id")
                        ? new Term(field, value, value + 86_399)
                        : new Term(field, value, value);
            });
        }
        return new SearchQuery(List.copyOf(terms));
    }

    /** The tightest range the query puts on one field. */
    public Term range(String field) {
        long min = Long.MIN_VALUE;
        long max = Long.MAX_VALUE;
        for (Term term : terms) {
            if (term.field().equals(field)) {
                min = Math.max(min, term.min());
                max = Math.min(max, term.max());
            }
        }
        return new Term(field, min, max);
    }

    private static Long parseLong(String raw) {
        try {
            return Long.parseLong(raw.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseSeconds(String raw, ZoneId zone) {
        try {
            if (raw.length() == 10) {
                return LocalDate.parse(raw).atStartOfDay(zone).toEpochSecond();
            }
            if (raw.endsWith("Z")) {
                return Instant.parse(raw).getEpochSecond();
            }
            if (raw.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(raw).toEpochSecond();
            }
            return LocalDateTime.parse(raw).atZone(zone).toEpochSecond();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
