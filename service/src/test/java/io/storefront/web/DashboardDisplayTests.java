package io.storefront.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.storefront.Api;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** How the dashboard reads at a laptop's and a phone's width: cards, charts, abandoned carts and whole CSVs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardDisplayTests extends BrowserTest {

    private static final String ZONE = "America/New_York";

    private String email;
    private List<Cookie> cookies;
    private Api.Session session;
    private UUID store;
    private String range;
    private LocalDate from;
    private LocalDate to;

    /** One synced store for every test at every width: its first sync is most of this class's time. */
    @BeforeAll
    void connectedStore() {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of("display-" + UUID.randomUUID().toString().substring(0, 8)
                + ".myshopify.com").withCounts(200, 40, 3000, 400).withTimezone(ZONE));
        email = newEmail();
        Page page = newPage(1366, 900);
        try {
            signUp(page, email);
            page.navigate("/stores/new");
            page.getByLabel("Shop domain").fill(shop.domain());
            page.getByLabel("Admin API access token", new Page.GetByLabelOptions().setExact(true)).fill(shop.accessToken());
            page.getByLabel("API secret key").fill(shop.apiSecret());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect store")).click();
            page.waitForURL("**/stores/*?connected");
            store = UUID.fromString(page.url().replaceAll(".*/stores/([0-9a-f-]+).*", "$1"));
            assertThat(page.getByTestId("sync-progress")).hasAttribute("data-status", "SUCCEEDED",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(180_000));
            cookies = page.context().cookies();
        } finally {
            page.context().close();
        }
        to = LocalDate.now(ZoneId.of(ZONE));
        from = to.minusDays(DashboardRange.MAX_DAYS - 1L);
        range = "?range=custom&from=" + from + "&to=" + to;
        Api.Response login = api().post("/api/auth/login", null, null, Map.of("email", email, "password", PASSWORD));
        JsonNode json = login.json();
        session = new Api.Session(json.get("token").asString(), UUID.fromString(json.get("user").get("id").asString()), email);
    }

    /** A fresh browser at the given width, signed in with the session cookie (signing in again would be throttled). */
    private Page signedIn(int width) {
        Page page = newPage(width, width < 800 ? 812 : 900);
        page.context().addCookies(cookies);
        return page;
    }

    @Test
    void at_1366_px_cards_stay_on_one_line_and_charts_speak_currency_and_dates() throws IOException {
        Page page = signedIn(1366);
        page.navigate("/stores/" + store + "/dashboard" + range);
        page.locator("[data-chart=orders-chart] svg").first().waitFor();
        assertKpisOnOneLine(page);
        Locator revenue = page.locator("[data-kpi=revenue] .value");
        assertThat(revenue).hasAttribute("title", revenue.getAttribute("data-exact"));

        String axes = page.locator("[data-chart=orders-chart] svg").first().textContent();
        assertThat(axes).as("axis labels").contains("$").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}")
                .as("a range over several years labels its days with the year")
                .containsPattern("\\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}");
        String bars = page.locator("[data-chart=product-chart] svg").first().textContent();
        assertThat(bars).as("value labels on the bars").containsPattern("\\$\\d");
        page.locator("[data-chart=orders-chart]").hover();
        screenshot(page, "dashboard-wide");
        DashboardJourneyTests.copyToDocs("dashboard-wide");
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1366, 375})
    void abandoned_carts_follow_the_range_with_totals_the_zone_and_pages_and_the_csv_holds_every_cart(int width)
            throws IOException {
        Page page = signedIn(width);
        page.navigate("/stores/" + store + "/dashboard" + range);
        JsonNode carts = api().get("/api/insights/abandoned-carts?limit=1&startDate=" + from + "&endDate=" + to,
                session, store).json();
        long abandoned = carts.get("abandoned").asLong();
        assertThat(abandoned).as("more carts than one page holds").isGreaterThan(DashboardPages.CART_ROWS);
        assertThat(page.getByTestId("cart-totals")).containsText(abandoned + " abandoned");
        assertThat(page.locator("[data-testid=abandoned-checkouts] thead")).containsText(ZONE);
        Locator rows = page.locator("[data-testid=abandoned-checkouts] tbody tr");
        assertThat(rows).hasCount(DashboardPages.CART_ROWS);
        WebJourneyTests.assertNoHorizontalScroll(page);
        assertThat(((Number) page.evaluate("() => { const w = document.querySelector('#abandoned .table-wrap');"
                + " return w.scrollWidth - w.clientWidth; }")).intValue())
                .as("the cart table fits its card: no column only reachable by scrolling the table sideways").isLessThanOrEqualTo(0);
        page.locator("section#abandoned").screenshot(new Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("abandoned-carts-" + width + ".png")));
        String firstOfPageOne = rows.first().textContent();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next 50 carts")).click();
        page.waitForURL(java.util.regex.Pattern.compile(".*&carts=[^&#]+#abandoned$"),
                new Page.WaitForURLOptions().setTimeout(60_000));
        assertThat(page.locator("[data-testid=range-dates] time").first()).hasAttribute("datetime", from.toString());
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("First page"))).isVisible();
        assertThat(rows.first()).not().hasText(firstOfPageOne);

        Download download = page.waitForDownload(() -> page.locator("section#abandoned a.csv").click());
        List<String> lines = Files.readAllLines(download.path());
        assertThat(lines.get(0)).isEqualTo("created_at,email,value,recovery_url");
        assertThat(lines).hasSize((int) abandoned + 1);
        assertThat(lines.stream().skip(1).distinct()).hasSize((int) abandoned);
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1366, 375})
    void year_to_date_and_this_month_compare_like_shopify_and_name_the_compared_days(int width) {
        Page page = signedIn(width);
        page.navigate("/stores/" + store + "/dashboard");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Year to date")).click();
        page.waitForURL("**/dashboard?range=ytd");
        LocalDate lastYear = to.minusYears(1);
        assertThat(page.getByTestId("compared-range")).containsText("same period last year");
        assertThat(page.locator("[data-testid=compared-range] time").nth(0)).hasAttribute("datetime",
                lastYear.withDayOfYear(1).toString());
        assertThat(page.locator("[data-testid=compared-range] time").nth(1)).hasAttribute("datetime", lastYear.toString());
        assertThat(page.getByTestId("compared-range")).isVisible();
        assertThat(page.locator("[data-kpi=revenue] .change")).containsText("vs same period last year");
        assertThat(page.locator("[data-kpi=revenue] .change")).isVisible();
        JsonNode ytd = api().get("/api/insights/dashboard?startDate=" + lastYear.withDayOfYear(1) + "&endDate=" + lastYear,
                session, store).json();
        assertThat(page.locator("[data-kpi=orders] .value")).hasAttribute("data-exact", String.format(java.util.Locale.US, "%,d",
                api().get("/api/insights/dashboard?startDate=" + to.withDayOfYear(1) + "&endDate=" + to, session, store)
                        .json().get("totalOrders").asLong()));
        String change = page.locator("[data-kpi=orders] .change").textContent();
        assertThat(ytd.get("totalOrders").asLong() == 0 ? change.contains("new") || change.contains("no change")
                : change.contains("%")).as(change).isTrue();
        assertKpisOnOneLine(page);
        WebJourneyTests.assertNoHorizontalScroll(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("This month")).click();
        page.waitForURL("**/dashboard?range=month");
        assertThat(page.getByTestId("compared-range")).containsText("same days last month");
        assertThat(page.getByTestId("compared-range")).isVisible();
        assertThat(page.locator("[data-testid=compared-range] time").nth(0)).hasAttribute("datetime",
                to.withDayOfMonth(1).minusMonths(1).toString());
        WebJourneyTests.assertNoHorizontalScroll(page);
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1366, 375})
    void a_range_without_orders_says_so_instead_of_drawing_bare_axes(int width) {
        Page page = signedIn(width);
        page.navigate("/stores/" + store + "/dashboard?range=custom&from=2001-01-01&to=2001-01-31");
        assertThat(page.getByTestId("orders-chart-empty")).containsText("No orders between 1 Jan 2001 and 31 Jan 2001");
        assertThat(page.getByTestId("orders-chart-empty")).isVisible();
        assertThat(page.locator("[data-chart=orders-chart]")).hasCount(0);
        WebJourneyTests.assertNoHorizontalScroll(page);
    }

    @Test
    void at_375_px_cards_stay_on_one_line_and_axes_are_readable_without_sideways_scrolling() throws IOException {
        Page page = signedIn(375);
        page.navigate("/stores/" + store + "/dashboard" + range);
        page.locator("[data-chart=orders-chart] svg").first().waitFor();
        assertKpisOnOneLine(page);
        WebJourneyTests.assertNoHorizontalScroll(page);
        Object overlapping = page.evaluate("() => { const t = [...document.querySelectorAll('[data-chart=orders-chart] svg text')]"
                + ".filter(e => e.textContent.trim()).map(e => e.getBoundingClientRect());"
                + " let n = 0; for (let i = 0; i < t.length; i++) for (let j = i + 1; j < t.length; j++) {"
                + "  const a = t[i], b = t[j]; if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1"
                + "  && b.top < a.bottom - 1) n++; } return n; }");
        assertThat(((Number) overlapping).intValue()).as("overlapping axis labels").isZero();
        screenshot(page, "phone-dashboard");
        DashboardJourneyTests.copyToDocs("phone-dashboard");
    }

    /** One line each, and nothing cut off by the card's ellipsis. */
    private static void assertKpisOnOneLine(Page page) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cards = (List<Map<String, Object>>) page.evaluate("() => [...document.querySelectorAll('.kpi .value')]"
                + ".map(e => { const r = document.createRange(); r.selectNodeContents(e);"
                + " const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top)));"
                + " return { text: e.textContent, lines: tops.size, cut: e.scrollWidth > e.clientWidth }; })");
        assertThat(cards).hasSize(8).allSatisfy(card -> {
            assertThat(((Number) card.get("lines")).intValue()).as(String.valueOf(card.get("text"))).isEqualTo(1);
            assertThat(card.get("cut")).as(String.valueOf(card.get("text"))).isEqualTo(false);
        });
    }
}
