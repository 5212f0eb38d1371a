package io.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Rows of one staging table in PostgreSQL's COPY text format, buffered until the next flush. */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private int rows;
    private boolean rowStarted;

    CopyRows add(@Nullable Object value) {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof BigDecimal amount) {
            text.append(amount.toPlainString());
        } else if (value instanceof Instant instant) {
            text.append(instant);
        } else if (value instanceof Number || value instanceof Boolean) {
            text.append(value);
        } else {
            escape(value.toString());
        }
        return this;
    }

    void endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
    }

    int rows() {
        return rows;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    CharSequence text() {
        return text;
    }

    void clear() {
        text.setLength(0);
        rows = 0;
        rowStarted = false;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
