package io.storefront.insights;

import java.util.List;
import java.util.stream.Collectors;

/** Arrays handed to PostgreSQL as one text parameter, {@code cast(:p as date[])}: one bind instead of one per element. */
final class SqlArrays {

    private SqlArrays() {}

    /** A PostgreSQL array literal of dates, booleans or numbers (elements that need no quoting). */
    static String literal(List<String> elements) {
        return elements.stream().collect(Collectors.joining(",", "{", "}"));
    }
}
