package io.storefront.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storefront.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The buckets live in the tests' PostgreSQL; each test spends from addresses and users of its own. */
class RateLimitsTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    /** The user bucket refills one a minute here: a hundred round trips to PostgreSQL must not refill it. */
    private RateLimits limits(int anonymous, int credentials, int burst) {
        PlatformSettings settings = new PlatformSettings(Path.of("."), null, Duration.ofDays(7), null, "http://x",
                List.of(), new PlatformSettings.RateLimits(true, anonymous, Duration.ofMinutes(15), credentials,
                        Duration.ofMinutes(15), burst, 1), DataSize.ofMegabytes(1), null);
        return new RateLimits(settings, JsonMapper.builder().build(), dataSource);
    }

    private static String address() {
        return "10." + UUID.randomUUID();
    }

    @Test
    void an_address_gets_its_figure_then_429_with_a_retry_after_inside_the_window() {
        RateLimits limits = limits(100, 10, 100);
        String address = address();
        for (int i = 0; i < 100; i++) {
            limits.checkAnonymous(address);
        }
        assertThatThrownBy(() -> limits.checkAnonymous(address))
                .isInstanceOfSatisfying(RateLimits.TooManyRequests.class, e -> {
                    long retry = Long.parseLong(e.getHeaders().getFirst("Retry-After"));
                    assertThat(retry).isBetween(1L, 15 * 60L + 1);
                    assertThat(e.getStatusCode().value()).isEqualTo(429);
                });
        limits.checkAnonymous(address());
    }

    @Test
    void credential_attempts_count_per_address_and_email_ignoring_case() {
        RateLimits limits = limits(100, 10, 100);
        String address = address();
        for (int i = 0; i < 10; i++) {
            limits.checkCredentialAttempt(address, i % 2 == 0 ? "A@example.com" : "a@example.com");
        }
        assertThatThrownBy(() -> limits.checkCredentialAttempt(address, "a@example.com"))
                .isInstanceOf(RateLimits.TooManyRequests.class);
        limits.checkCredentialAttempt(address, "b@example.com");
    }

    @Test
    void a_user_has_a_burst_then_a_steady_rate() {
        RateLimits limits = limits(100, 10, 100);
        String user = UUID.randomUUID().toString();
        for (int i = 0; i < 100; i++) {
            limits.checkUser(user);
        }
        assertThatThrownBy(() -> limits.checkUser(user)).isInstanceOf(RateLimits.TooManyRequests.class);
        limits.checkUser(UUID.randomUUID().toString());
    }

    /** Two instances of the service are two limiters on one database: together they allow the figure once. */
    @Test
    void two_limiters_on_one_database_share_one_budget_per_address() {
        RateLimits first = limits(10, 10, 100);
        RateLimits second = limits(10, 10, 100);
        String address = address();
        for (int i = 0; i < 5; i++) {
            first.checkAnonymous(address);
            second.checkAnonymous(address);
        }
        assertThatThrownBy(() -> first.checkAnonymous(address)).isInstanceOf(RateLimits.TooManyRequests.class);
        assertThatThrownBy(() -> second.checkAnonymous(address)).isInstanceOf(RateLimits.TooManyRequests.class);

        String user = UUID.randomUUID().toString();
        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? first : second).checkUser(user);
        }
        assertThatThrownBy(() -> second.checkUser(user)).isInstanceOf(RateLimits.TooManyRequests.class);
    }

    @Test
    void changing_a_figure_starts_fresh_buckets_instead_of_reusing_the_stored_ones() {
        String address = address();
        RateLimits small = limits(3, 10, 100);
        for (int i = 0; i < 3; i++) {
            small.checkAnonymous(address);
        }
        assertThatThrownBy(() -> small.checkAnonymous(address)).isInstanceOf(RateLimits.TooManyRequests.class);
        RateLimits raised = limits(5, 10, 100);
        for (int i = 0; i < 5; i++) {
            raised.checkAnonymous(address);
        }
        assertThatThrownBy(() -> raised.checkAnonymous(address)).isInstanceOf(RateLimits.TooManyRequests.class);
    }
}
