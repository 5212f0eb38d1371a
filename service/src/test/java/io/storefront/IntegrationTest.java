package io.storefront;

import dev.storefront.simulator.ShopifySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every test that needs the whole service: a real PostgreSQL, the real HTTP stack, and one Shopify
 * simulator over real HTTP standing in for Shopify. All subclasses share one application context (keep it that
 * way: every extra property set starts another context). The service listens on a port chosen before it starts,
 * so its public URL — where webhooks and OAuth callbacks go — is known to the simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    /** The service receives webhooks on plain http at 127.0.0.1, which Shopify would refuse: allowed on loopback here. */
    public static final ShopifySimulator SIMULATOR = ShopifySimulator.start(0).allowHttpLoopbackWebhooks(true);
    public static final int PORT = freePort();
    public static final String PUBLIC_URL = "http://127.0.0.1:" + PORT;
    /** The public app of the OAuth install mode; its access tokens live seconds so renewal is exercised. */
    public static final String PUBLIC_APP_ID = "storefront-test-public-app";
    public static final String PUBLIC_APP_SECRET = "test-public-app-secret-0123456789";
    public static final long PUBLIC_APP_TOKEN_SECONDS = 3;
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789";

    static {
        SIMULATOR.registerApp(PUBLIC_APP_ID, PUBLIC_APP_SECRET, PUBLIC_APP_TOKEN_SECONDS, 90L * 86_400);
    }

    protected int port = PORT;

    protected Api api() {
        return new Api(PORT);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.connection();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("server.port", () -> PORT);
        registry.add("storefront.public-url", () -> PUBLIC_URL);
        registry.add("storefront.jwt-secret", () -> "test-secret-that-is-long-enough-for-hs256-0123456789abcdef");
        registry.add("storefront.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("storefront.demo", () -> "false");
        registry.add("storefront.metrics-token", () -> METRICS_TOKEN);
        // every test shares 127.0.0.1; RateLimitsTests proves the limits with figures of its own
        registry.add("storefront.rate-limits.anonymous-requests", () -> "1000000");
        registry.add("storefront.shopify.api-base-url", () -> SIMULATOR.baseUrl() + "/{shop}");
        registry.add("storefront.shopify.client-id", () -> PUBLIC_APP_ID);
        registry.add("storefront.shopify.client-secret", () -> PUBLIC_APP_SECRET);
        // webhook workers look for due retries this often; tests wait for them
        registry.add("storefront.webhooks.poll-interval", () -> "100ms");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
