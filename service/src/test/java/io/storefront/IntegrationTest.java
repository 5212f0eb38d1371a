package io.storefront;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every test that needs the whole service: a real PostgreSQL, the real HTTP stack on a random port.
 * All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    protected Api api() {
        return new Api(port);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.connection();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("storefront.jwt-secret", () -> "test-secret-that-is-long-enough-for-hs256-0123456789abcdef");
        registry.add("storefront.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("storefront.demo", () -> "false");
        // every test shares 127.0.0.1; RateLimitTests proves the limits with figures of its own
        registry.add("storefront.rate-limits.anonymous-requests", () -> "1000000");
    }
}
