package io.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static java.util.stream.Collectors.toCollection;

import static java.util.Map.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import modulefixture.FixtureApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the module edges of docs/architecture.md honest and draws them (target/spring-modulith-docs). Every module
 * declares its {@code allowedDependencies} in its package-info; {@code platform} is the shared module. A module's
 * SQL names only its own tables, or a read model another module publishes for it.
 */
@Tag("fast")
class ModularityTests {

    /** Which module owns each table, view and sequence the migrations create. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            entry("users", "identity"),
            entry("tenants", "tenants"), entry("oauth_states", "tenants"), entry("store_transfers", "tenants"),
            entry("customers", "catalog"), entry("products", "catalog"), entry("product_variants", "catalog"),
            entry("orders", "catalog"), entry("order_items", "catalog"), entry("refunds", "catalog"),
            entry("checkouts", "catalog"), entry("deleted_records", "catalog"),
            entry("sync_runs", "ingest"), entry("sync_cursors", "ingest"),
            entry("webhooks", "webhooks"), entry("webhook_deliveries", "webhooks"), entry("events", "webhooks"),
            entry("insights_sales_days", "insights"), entry("insights_product_days", "insights"),
            entry("insights_first_orders", "insights"), entry("insights_product_months", "insights"),
            entry("insights_customer_days", "insights"), entry("insights_product_periods", "insights"),
            entry("insights_customer_day_versions", "insights"), entry("insights_product_period_versions", "insights"),
            entry("shedlock", "platform"), entry("rate_limit_buckets", "platform"),
            // views published for other modules (R__published_read_models.sql)
            entry("catalog_customer_names", "catalog"), entry("catalog_product_listings", "catalog"),
            entry("catalog_checkouts", "catalog"), entry("ingest_sync_runs", "ingest"),
            entry("demo_shops", "web"));

    /**
     * Reads of another module's table, as "reader -> table". Everything else another module needs, its owner
     * publishes as a view (R__published_read_models.sql: catalog_*, ingest_*), which no owner map names.
     */
    private static final Set<String> PUBLISHED_READS = Set.of(
            // Every catalog write locks its store row (for key share): the lock a per-row foreign key would take.
            "catalog -> tenants");

    private final ApplicationModules modules = ApplicationModules.of(StorefrontApplication.class);

    @Test
    void modules_depend_only_through_their_public_apis() {
        modules.verify();
    }

    @Test
    void a_dependency_a_module_does_not_declare_fails_verification() {
        // The fixture lives in the test classes, which the default import leaves out.
        ApplicationModules fixture = ApplicationModules.of(FixtureApplication.class, location -> true);

        assertThatExceptionOfType(Violations.class)
                .isThrownBy(fixture::verify)
                .satisfies(violations -> assertThat(violations.getMessages())
                        .isNotEmpty()
                        .allSatisfy(message -> assertThat(message)
                                .startsWith("Module 'reports' depends on module 'customers'")));
    }

    @Test
    void the_table_owners_cover_every_table_the_migrations_create() {
        assertThat(ModuleSql.createdBy(Path.of("src/main/resources/db/migration")))
                .containsExactlyInAnyOrderElementsOf(OWNERS.keySet());
    }

    @Test
    void modules_name_only_their_own_tables_and_published_read_models() {
        Set<String> published = ModuleSql.createdBy(Path.of("src/main/resources/db/migration/R__published_read_models.sql"));
        List<ModuleSql.ForeignTable> foreign = ModuleSql.foreignTables(
                Path.of("src/main/java"), Path.of("src/main/resources"), "io.storefront", OWNERS).stream()
                .filter(read -> !published.contains(read.table()))
                .toList();

        assertThat(foreign).allSatisfy(read -> assertThat(PUBLISHED_READS)
                .as("%s names %s's table %s", read.source(), read.owner(), read.table())
                .contains(read.edge()));
        Set<String> made = foreign.stream().map(ModuleSql.ForeignTable::edge).collect(toCollection(TreeSet::new));
        assertThat(made)
                .as("published reads no module makes any more")
                .containsExactlyInAnyOrderElementsOf(PUBLISHED_READS);
    }

    @Test
    void a_module_naming_another_modules_table_is_found() {
        Map<String, String> owners = Map.of("customers", "customers", "orders", "orders");

        List<ModuleSql.ForeignTable> foreign = ModuleSql.foreignTables(
                Path.of("src/test/java"), Path.of("src/test/resources"), "modulefixture", owners);

        assertThat(foreign).extracting(ModuleSql.ForeignTable::edge, ModuleSql.ForeignTable::source)
                .containsExactlyInAnyOrder(
                        tuple("reports -> customers", "CustomerReports.java"),
                        tuple("orders -> customers", "order-lines.sql"));
    }

    @Test
    void writes_the_module_diagrams() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
