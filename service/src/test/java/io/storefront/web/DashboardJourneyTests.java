package io.storefront.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.storefront.Api;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole first session of a merchant, in a real browser, checked against the JSON API's figures. */
class DashboardJourneyTests extends BrowserTest {

    static final Path DOCS = Paths.get("..", "docs", "screenshots");

    @Test
    void signs_up_connects_a_store_watches_it_sync_and_reads_the_same_figures_as_the_api() throws IOException {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of("journey-" + UUID.randomUUID().toString().substring(0, 8)
                + ".myshopify.com").withCounts(300, 30, 2500, 120));
        Page page = newPage();
        String email = newEmail();
        signUp(page, email);

        page.navigate("/stores/new");
        page.getByLabel("Shop domain").fill(shop.domain());
        page.getByLabel("Display name (optional)").fill("Journey Goods");
        page.getByLabel("Admin API access token", new Page.GetByLabelOptions().setExact(true)).fill(shop.accessToken());
        page.getByLabel("API secret key").fill(shop.apiSecret());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect store")).click();
        page.waitForURL("**/stores/*?connected");
        UUID tenant = UUID.fromString(page.url().replaceAll(".*/stores/([0-9a-f-]+).*", "$1"));

        // the first sync starts on connect; the page shows it without being asked
        page.waitForFunction("() => ['SUCCEEDED', 'FAILED'].includes("
                + "document.querySelector('[data-testid=sync-progress]').dataset.status)", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000));

        // "Sync now" goes through htmx; the fragment polls until the run ends, without a reload
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync running…"))).isDisabled();
        screenshot(page, "sync-running");
        assertThat(page.getByTestId("sync-progress")).hasAttribute("data-status", "SUCCEEDED",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
        assertThat(page.getByTestId("sync-percent")).hasText("100%");
        assertThat(page.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "100");
        assertThat(page).hasURL(Pattern.compile(".*/stores/[0-9a-f-]+\\?connected$"));
        screenshot(page, "sync");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open dashboard")).click();
        page.waitForURL("**/dashboard");
        page.locator("[data-chart=orders-chart] svg").first().waitFor();
        screenshot(page, "dashboard");
        copyToDocs("sync");
        copyToDocs("dashboard");

        Api.Session session = apiSession(email);
        assertCardsMatchApi(page, session, tenant);

        page.setViewportSize(375, 812);
        page.reload();
        page.locator("[data-chart=orders-chart] svg").first().waitFor();
        screenshot(page, "phone-dashboard");
        WebJourneyTests.assertNoHorizontalScroll(page);
        page.setViewportSize(1280, 900);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Last 7 days")).click();
        page.waitForURL(Pattern.compile(".*/dashboard\\?range=7d$"));
        assertThat(page.locator(".presets a[aria-current=true]")).hasText("Last 7 days");
        assertCardsMatchApi(page, session, tenant);

        JsonNode api = dashboard(session, tenant, page);
        Download download = page.waitForDownload(() -> page.locator("#customers-title ~ a, section:has(#customers-title) a.csv").first().click());
        List<String> lines = Files.readAllLines(download.path());
        assertThat(download.suggestedFilename()).endsWith(".csv").contains("top-customers");
        assertThat(lines.get(0)).isEqualTo("customer,email,orders,revenue");
        JsonNode customers = api().get("/api/insights/customers?limit=1&startDate=" + api.get("startDate").asString()
                + "&endDate=" + api.get("endDate").asString(), session, tenant).json();
        assertThat(lines).as("every customer of the range, not the top rows on screen")
                .hasSize(customers.get("totalCustomers").asInt() + 1);
        if (!api.get("topCustomers").isEmpty()) {
            JsonNode top = api.get("topCustomers").get(0);
            assertThat(lines.get(1)).endsWith("," + top.get("orders").asLong() + "," + top.get("revenue").asString());
        }

        page.navigate("/stores");
        assertThat(page.getByTestId("last-sync")).containsText("Synced");
        page.navigate("/stores/" + UUID.randomUUID() + "/dashboard");
        assertThat(page.locator("h1")).hasText("Store not found");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.waitForURL("**/signin?signedout");
    }

    private void assertCardsMatchApi(Page page, Api.Session session, UUID tenant) {
        JsonNode api = dashboard(session, tenant, page);
        NumberFormat usd = NumberFormat.getCurrencyInstance(Locale.US);
        NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
        Map<String, String> expected = Map.of(
                "revenue", usd.format(new BigDecimal(api.get("totalRevenue").asString())),
                "net-revenue", usd.format(new BigDecimal(api.get("netRevenue").asString())),
                "orders", count.format(api.get("totalOrders").asLong()),
                "aov", usd.format(new BigDecimal(api.get("averageOrderValue").asString())),
                "customers", count.format(api.get("totalCustomers").asLong()),
                "new-customers", count.format(api.get("newCustomers").asLong()),
                "repeat-rate", new BigDecimal(api.get("repeatCustomerRate").asString()).movePointRight(2)
                        .setScale(1, RoundingMode.HALF_UP).toPlainString() + "%",
                "abandoned", usd.format(new BigDecimal(api.get("abandonedCheckouts").get("value").asString())));
        assertThat(api.get("totalOrders").asLong()).isPositive();
        expected.forEach((kpi, value) -> assertThat(page.locator("[data-kpi=" + kpi + "] .value")).hasAttribute("data-exact", value));
    }

    private JsonNode dashboard(Api.Session session, UUID tenant, Page page) {
        String start = page.locator("[data-testid=range-dates] time").nth(0).getAttribute("datetime");
        String end = page.locator("[data-testid=range-dates] time").nth(1).getAttribute("datetime");
        Api.Response response = api().get("/api/insights/dashboard?compare=previous&startDate=" + start + "&endDate=" + end,
                session, tenant);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Api.Session apiSession(String email) {
        Api.Response login = api().post("/api/auth/login", null, null, Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        JsonNode json = login.json();
        return new Api.Session(json.get("token").asString(), UUID.fromString(json.get("user").get("id").asString()), email);
    }

    static void copyToDocs(String name) throws IOException {
        Files.createDirectories(DOCS);
        Files.copy(SCREENSHOTS.resolve(name + ".png"), DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
