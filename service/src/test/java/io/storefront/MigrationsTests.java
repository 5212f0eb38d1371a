package io.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Tables live in versioned migrations, functions, triggers and views in repeatable ones, each defined once. */
class MigrationsTests {

    private static final Pattern DEFINITION = Pattern.compile(
            "(?im)^\\s*create\\s+(?:or\\s+replace\\s+)?(function|trigger|view|materialized\\s+view)\\s+([a-z_0-9.]+)");

    /** A generated column of insights_customer_days calls it, so it must exist before that table is created. */
    private static final String DEFINED_WITH_ITS_TABLE = "insights_pack";

    /** The checksums of V30-V37 before their function definitions moved to R__ files (beforeValidate.sql). */
    private static final Map<String, Integer> CHECKSUMS_BEFORE_CONSOLIDATION = Map.of(
            "30", -912693720, "31", 2070085689, "32", 731647364, "33", -1648420908,
            "34", 1074433441, "35", -1983146237, "36", -1000204197, "37", -1617391317);

    @Test
    void functions_triggers_and_views_are_defined_once_each_in_a_repeatable_migration() throws IOException {
        List<String> definitions = new ArrayList<>();
        for (Resource file : migrations()) {
            String sql = file.getContentAsString(StandardCharsets.UTF_8);
            var matcher = DEFINITION.matcher(sql);
            while (matcher.find()) {
                String name = matcher.group(2);
                definitions.add(matcher.group(1).toLowerCase() + " " + name);
                if (!name.equals(DEFINED_WITH_ITS_TABLE)) {
                    assertThat(file.getFilename()).as("the file defining %s", name).startsWith("R__");
                }
            }
        }
        assertThat(definitions).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void a_database_migrated_before_the_consolidation_upgrades_to_the_same_schema() throws SQLException {
        String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        Flyway flyway = flyway(schema);
        flyway.migrate();
        TestDatabase.Connection db = TestDatabase.connection();
        try (var connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                var statement = connection.createStatement()) {
            // what such a database holds: the old files' checksums, and no repeatable migrations yet
            for (var old : CHECKSUMS_BEFORE_CONSOLIDATION.entrySet()) {
                statement.executeUpdate("update %s.flyway_schema_history set checksum = %d where version = '%s'"
                        .formatted(schema, old.getValue(), old.getKey()));
            }
            statement.executeUpdate("delete from %s.flyway_schema_history where version is null".formatted(schema));
        }

        var result = flyway(schema).migrate();

        assertThat(result.migrationsExecuted).as("every repeatable migration")
                .isEqualTo(migrations().stream().filter(file -> file.getFilename().startsWith("R__")).count());
        assertThat(flyway(schema).info().all())
                .extracting(MigrationInfo::getState)
                .containsOnly(MigrationState.SUCCESS);
        flyway(schema).validate();
    }

    private static Flyway flyway(String schema) {
        TestDatabase.Connection db = TestDatabase.connection();
        return Flyway.configure()
                .dataSource(db.url(), db.username(), db.password())
                .schemas(schema)
                .locations("classpath:db/migration")
                .load();
    }

    private static List<Resource> migrations() {
        try {
            return List.of(new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
