package io.storefront.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import io.storefront.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Token renewal happens once across instances: this one and two real service processes on the same database all
 * need a store's expired token at the same moment, and Shopify issues exactly one new token.
 */
class TokenRenewalAcrossInstancesTests extends IntegrationTest {

    private static final int CALLS_PER_INSTANCE = 3;

    @Autowired JdbcClient jdbc;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void an_expired_token_needed_by_three_instances_at_once_is_renewed_once(@TempDir Path dir) throws Exception {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of("renew-" + UUID.randomUUID().toString().substring(0, 8)
                + ".myshopify.com").withCounts(5, 2, 5, 1).withTokenLifetimes(3600, 90L * 86_400, 3600));
        List<Api> instances = new ArrayList<>(List.of(api()));
        for (int i = 0; i < 2; i++) {
            int otherPort = ServiceProcess.freePort();
            Process other = ServiceProcess.start(processes, otherPort, dir.resolve("other-" + i + ".log"), Map.of(
                    "STOREFRONT_SHOPIFY_API_BASE_URL", SIMULATOR.baseUrl() + "/{shop}",
                    "STOREFRONT_PUBLIC_URL", PUBLIC_URL));
            ServiceProcess.awaitReady(otherPort, other);
            instances.add(new Api(otherPort));
        }
        Api.Session user = api().newUser();
        Api.Response connected = api().post("/api/tenant", user, null, Map.of("name", "Renew", "shopifyDomain", shop.domain(),
                "clientId", shop.clientId(), "clientSecret", shop.clientSecret()));
        assertThat(connected.status()).isEqualTo(201);
        UUID tenant = UUID.fromString(connected.json().get("id").asString());
        await().atMost(Duration.ofSeconds(60)).until(() -> api().get("/api/shopify/sync", user, tenant).json()
                .path(0).path("status").asString().matches("SUCCEEDED|FAILED"));

        long issued = SIMULATOR.accessTokensIssued(shop.domain());
        jdbc.sql("update tenants set access_token_expires_at = now() - interval '1 second' where id = ?").param(tenant).update();
        ExecutorService callers = Executors.newFixedThreadPool(instances.size() * CALLS_PER_INSTANCE);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (Api instance : instances) {
            for (int i = 0; i < CALLS_PER_INSTANCE; i++) {
                // registering the webhooks lists the shop's subscriptions first, with a valid token
                calls.add(callers.submit(() -> {
                    go.await();
                    return instance.post("/api/shopify/webhooks/register", user, tenant, Map.of()).status();
                }));
            }
        }
        go.countDown();
        for (Future<Integer> call : calls) {
            call.get();
        }
        callers.shutdown();

        assertThat(SIMULATOR.accessTokensIssued(shop.domain()) - issued).as("tokens issued for the renewal").isEqualTo(1);
        assertThat(jdbc.sql("select access_token_expires_at > now() + interval '50 minutes' from tenants where id = ?")
                .param(tenant).query(Boolean.class).single()).isTrue();
    }
}
