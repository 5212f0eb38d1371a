package io.storefront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL a module sends, read from its sources: the string literals (text blocks included) of its Java files and
 * its {@code .sql} resources, and the tables that SQL names after {@code from}, {@code join}, {@code into},
 * {@code update}, {@code table}, {@code copy} or {@code using}. A table name built at run time is not seen.
 */
final class ModuleSql {

    /** One module naming a table of another, with where it does so. */
    record ForeignTable(String module, String table, String owner, String source) {

        String edge() {
            return module + " -> " + table;
        }
    }

    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "\\b(?:from|join|into|update|table|copy|using)\\s+(?:only\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern CREATED = Pattern.compile(
            "\\bcreate\\s+(?:or\\s+replace\\s+)?(?:unlogged\\s+|materialized\\s+)?(?:table|view|sequence)\\s+"
                    + "(?:if\\s+not\\s+exists\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    private ModuleSql() {}

    /** The tables, views and sequences the migrations create (a folder of them, or one file). */
    static Set<String> createdBy(Path migrations) {
        Set<String> created = new TreeSet<>();
        for (Path file : files(migrations, ".sql")) {
            Matcher m = CREATED.matcher(withoutSqlComments(read(file)));
            while (m.find()) {
                created.add(m.group(1).toLowerCase());
            }
        }
        return created;
    }

    /**
     * Every table of {@code owners} that a module's SQL names although another module owns it. Modules are the
     * direct sub-packages of {@code basePackage}, in the Java sources and the resources alike.
     */
    static List<ForeignTable> foreignTables(Path javaRoot, Path resourceRoot, String basePackage,
            Map<String, String> owners) {
        Path javaBase = javaRoot.resolve(basePackage.replace('.', '/'));
        Path resourceBase = resourceRoot.resolve(basePackage.replace('.', '/'));
        Map<String, List<Path>> sources = new TreeMap<>();
        for (Path file : files(javaBase, ".java")) {
            moduleOf(javaBase, file).ifPresent(module -> sources.computeIfAbsent(module, k -> new ArrayList<>()).add(file));
        }
        for (Path file : files(resourceBase, ".sql")) {
            moduleOf(resourceBase, file).ifPresent(module -> sources.computeIfAbsent(module, k -> new ArrayList<>()).add(file));
        }
        List<ForeignTable> found = new ArrayList<>();
        sources.forEach((module, files) -> {
            for (Path file : files) {
                List<String> sqls = file.toString().endsWith(".java")
                        ? stringLiterals(read(file))
                        : List.of(withoutSqlComments(read(file)));
                for (String sql : sqls) {
                    Matcher m = TABLE_REFERENCE.matcher(sql);
                    while (m.find()) {
                        String table = m.group(1).toLowerCase();
                        String owner = owners.get(table);
                        if (owner != null && !owner.equals(module)) {
                            found.add(new ForeignTable(module, table, owner, file.getFileName().toString()));
                        }
                    }
                }
            }
        });
        return found;
    }

    private static Optional<String> moduleOf(Path base, Path file) {
        Path relative = base.relativize(file);
        return relative.getNameCount() < 2 ? Optional.empty() : Optional.of(relative.getName(0).toString());
    }

    /** The contents of a Java source's string literals and text blocks, comments and char literals skipped. */
    static List<String> stringLiterals(String java) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = endOf(java, "\n", i + 2);
            } else if (java.startsWith("/*", i)) {
                i = endOf(java, "*/", i + 2);
            } else if (java.startsWith("\"\"\"", i)) {
                int end = closing(java, "\"\"\"", i + 3);
                literals.add(java.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = closing(java, String.valueOf(c), i + 1);
                if (c == '"') {
                    literals.add(java.substring(i + 1, end));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int endOf(String text, String terminator, int from) {
        int at = text.indexOf(terminator, from);
        return at < 0 ? text.length() : at + terminator.length();
    }

    /** The index of the unescaped {@code quote} closing a literal opened before {@code from}. */
    private static int closing(String text, String quote, int from) {
        int i = from;
        while (i < text.length() && !text.startsWith(quote, i)) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, text.length());
    }

    private static String withoutSqlComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }

    private static List<Path> files(Path root, String suffix) {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
