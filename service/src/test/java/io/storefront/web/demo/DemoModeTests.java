package io.storefront.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

@Tag("fast")
class DemoModeTests {

    @Test
    void is_on_by_default_only_when_the_service_runs_embedded() {
        assertThat(DemoMode.isOn(new MockEnvironment())).isTrue();
        assertThat(DemoMode.isOn(new MockEnvironment().withProperty("storefront.demo", ""))).isTrue();
        assertThat(DemoMode.isOn(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x")))
                .isFalse();
    }

    @Test
    void an_explicit_setting_wins_either_way() {
        assertThat(DemoMode.isOn(new MockEnvironment().withProperty("storefront.demo", "false"))).isFalse();
        assertThat(DemoMode.isOn(new MockEnvironment().withProperty("storefront.demo", "true")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/x"))).isTrue();
    }

    @Test
    void the_simulator_base_url_is_offered_only_in_demo_mode() {
        MockEnvironment off = new MockEnvironment().withProperty("storefront.demo", "false");
        assertThat(new DemoSimulator.DemoBaseUrl(off).getProperty(DemoSimulator.BASE_URL)).isNull();
        MockEnvironment on = new MockEnvironment().withProperty("storefront.demo", "true");
        assertThat(new DemoSimulator.DemoBaseUrl(on).getProperty("storefront.other")).isNull();
    }
}
