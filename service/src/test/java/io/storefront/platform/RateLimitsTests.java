package io.storefront.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

@Tag("fast")
class RateLimitsTests {

    private static RateLimits limits(int anonymous, int credentials, int burst) {
        PlatformSettings settings = new PlatformSettings(Path.of("."), null, Duration.ofDays(7), null, "http://x",
                List.of(), new PlatformSettings.RateLimits(true, anonymous, Duration.ofMinutes(15), credentials,
                        Duration.ofMinutes(15), burst, 600), DataSize.ofMegabytes(1));
        return new RateLimits(settings, JsonMapper.builder().build());
    }

    @Test
    void an_address_gets_its_figure_then_429_with_a_retry_after_inside_the_window() {
        RateLimits limits = limits(100, 10, 100);
        for (int i = 0; i < 100; i++) {
            limits.checkAnonymous("10.0.0.1");
        }
        assertThatThrownBy(() -> limits.checkAnonymous("10.0.0.1"))
                .isInstanceOfSatisfying(RateLimits.TooManyRequests.class, e -> {
                    long retry = Long.parseLong(e.getHeaders().getFirst("Retry-After"));
                    assertThat(retry).isBetween(1L, 15 * 60L + 1);
                    assertThat(e.getStatusCode().value()).isEqualTo(429);
                });
        limits.checkAnonymous("10.0.0.2");
    }

    @Test
    void credential_attempts_count_per_address_and_email_ignoring_case() {
        RateLimits limits = limits(100, 10, 100);
        for (int i = 0; i < 10; i++) {
            limits.checkCredentialAttempt("10.0.0.1", i % 2 == 0 ? "A@example.com" : "a@example.com");
        }
        assertThatThrownBy(() -> limits.checkCredentialAttempt("10.0.0.1", "a@example.com"))
                .isInstanceOf(RateLimits.TooManyRequests.class);
        limits.checkCredentialAttempt("10.0.0.1", "b@example.com");
    }

    @Test
    void a_user_has_a_burst_then_a_steady_rate() {
        RateLimits limits = limits(100, 10, 100);
        for (int i = 0; i < 100; i++) {
            limits.checkUser("u1");
        }
        assertThatThrownBy(() -> limits.checkUser("u1")).isInstanceOf(RateLimits.TooManyRequests.class);
        limits.checkUser("u2");
    }
}
