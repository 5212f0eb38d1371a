package io.storefront.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each benchmark at a tiny scale, so the drivers cannot rot between real runs. */
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
        assertThat(result.acknowledged()).isPositive().isEqualTo(result.inInbox());
        assertThat(result.applied()).isEqualTo(result.inInbox());
        assumeTrue(Pgbench.available(), "pgbench is not installed: ceiling not measured");
        assertThat(result.ceiling().tps()).isPositive();
    }
}
