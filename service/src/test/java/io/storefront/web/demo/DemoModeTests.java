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

    @Test
    void the_demo_binds_to_the_loopback_address_unless_told_otherwise() {
        MockEnvironment on = new MockEnvironment().withProperty("storefront.demo", "true");
        assertThat(new DemoSimulator.DemoBaseUrl(on).getProperty("server.address")).isEqualTo("127.0.0.1");
        MockEnvironment off = new MockEnvironment().withProperty("storefront.demo", "false");
        assertThat(new DemoSimulator.DemoBaseUrl(off).getProperty("server.address")).isNull();
    }

    @Test
    void the_ready_line_names_the_address_to_open_and_the_credentials_on_one_line() {
        DemoAccount.Credentials credentials = new DemoAccount.Credentials(DemoAccount.EMAIL, "tour-abc");
        assertThat(DemoAccount.readyLine("127.0.0.1", "8080", credentials)).isEqualTo("Storefront Insights demo: open"
                + " http://127.0.0.1:8080 and sign in as demo@storefront.local with password tour-abc");
        assertThat(DemoAccount.readyLine("0.0.0.0", "9000", credentials)).contains("http://localhost:9000 ");
    }
}
