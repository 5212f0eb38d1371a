package io.storefront.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTests extends IntegrationTest {

    @Test
    void metrics_answer_only_a_scraper_holding_the_metrics_token_while_health_stays_open() {
        Api.Session user = api().newUser();
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
            for (String token : new String[] {null, "wrong-token", user.token(), METRICS_TOKEN + "x"}) {
                Api.Response refused = api().send("GET", path, token, null, null);
                assertThat(refused.status()).as(path + " with " + token).isEqualTo(401);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.body()).doesNotContain("jvm_memory").doesNotContain("jvm.memory.used\"");
            }
        }
        // (test contexts export no Prometheus registry; ServiceSecurityProcessTests scrapes a real process)
        assertThat(api().send("GET", "/actuator/metrics", METRICS_TOKEN, null, null).status()).isEqualTo(200);
        Api.Response metric = api().send("GET", "/actuator/metrics/jvm.memory.used", METRICS_TOKEN, null, null);
        assertThat(metric.status()).isEqualTo(200);
        assertThat(metric.body()).contains("jvm.memory.used");
        assertThat(api().get("/actuator/health/readiness", null, null).status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/liveness", null, null).status()).isEqualTo(200);
    }
}
