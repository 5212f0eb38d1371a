package io.storefront.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 CSV, written row by row to {@code out} (a download streams it to the response); cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe.
 */
final class Csv {

    private final Appendable out;

    Csv(String... header) {
        this(new StringBuilder(), header);
    }

    Csv(Appendable out, String... header) {
        this.out = out;
        row(List.of(header));
    }

    /** A null cell (a guest's email, a customer without a name) is an empty one. */
    Csv row(@Nullable Object... cells) {
        return row(Arrays.asList(cells));
    }

    private Csv row(List<?> cells) {
        try {
            out.append(cells.stream().map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static String cell(@Nullable Object value) {
        String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value);
        if (value == null) {
            text = "";
        }
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
