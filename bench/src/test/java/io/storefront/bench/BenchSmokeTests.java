package io.storefront.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark at a tiny scale against the freshly packaged jars, so the drivers cannot rot between real runs
 * (the reactor builds service/ and shopify-simulator/ before this module).
 */
class BenchSmokeTests {

    static Database db;

    @BeforeAll
    static void database() throws Exception {
        db = Database.start();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void webhook_intake_loses_nothing_and_measures_a_ceiling() throws Exception {
        var result = new WebhookIntakeBenchmark().run(db, new WebhookIntakeBenchmark.Settings(4, Duration.ofSeconds(1)));
        assertThat(result.sustained().achievedPerSecond()).isPositive();
        // every delivery answered 200 is in the inbox (wrk may leave a few unanswered in flight at its end)
        assertThat(result.acknowledged()).isPositive().isLessThanOrEqualTo(result.inInbox());
        assertThat(result.applied()).isEqualTo(result.inInbox());
        assumeTrue(Pgbench.available(), "pgbench is not installed: ceiling not measured");
        assertThat(result.ceiling().tps()).isPositive();
        assertThat(result.halfCeiling().p99Ms()).isPositive().isGreaterThanOrEqualTo(result.halfCeiling().p50Ms());
    }

    @Test
    void full_sync_and_dashboard_report_figures_and_ceilings() throws Exception {
        String report = Bench.syncAndDashboard(db, List.of(300), true);
        assertThat(report).contains("| 300 |").contains("dashboard page (HTML)").contains("(one SQL query)");
        assertThat(report).doesNotContain("NaN");

        // bench/run dashboard: the database's largest store (this one, or the intake test's), by a new service process
        String again = Bench.dashboardOfLargestStore(db, 5);
        assertThat(again).containsPattern("[0-9,]+-order store").contains("dashboard page (HTML)")
                .contains("(one SQL query)").doesNotContain("NaN");
    }

    @Test
    void throttled_sync_reports_cost_against_the_buckets_minimum() throws Exception {
        String report = Bench.throttled(db, 120);
        assertThat(report).contains("| cost charged (points) |").containsPattern("\\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\|");
    }

    @Test
    void scale_out_reports_intake_and_sync_through_the_balancer_against_their_ceilings() throws Exception {
        String report = Bench.scaleOut(db, true);
        if (!Haproxy.available()) {
            System.out.println("scale-out smoke without haproxy: it is not installed (apt-get install haproxy)");
        }
        if (!ScaleOutBenchmark.rabbitmqListening()) {
            System.out.println("scale-out smoke without the broker step: no RabbitMQ on 127.0.0.1:5672");
        }
        assertThat(report).contains("| intake | instances |").containsPattern("\\| 1 \\| [0-9,]+ \\| 1\\.00 \\|")
                .contains("acknowledged but missing: 0").doesNotContain("NaN");
    }
}
