package io.storefront.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * A statement kept as a {@code .sql} resource next to this module ({@code io/storefront/catalog/<name>.sql}), read
 * once. Its {@code --} comment lines are for the reader and are not sent; every {@code ?} is a parameter.
 */
record CatalogSql(String name, String text, int parameters) {

    static CatalogSql named(String name) {
        String resource = name + ".sql";
        try (InputStream in = CatalogSql.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no SQL resource io/storefront/catalog/" + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return new CatalogSql(name, text, (int) text.chars().filter(c -> c == '?').count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
