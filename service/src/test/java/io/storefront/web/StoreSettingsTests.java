package io.storefront.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.storefront.simulator.Faults;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A store whose credentials Shopify refuses, repaired (or removed) through its settings in a real browser. */
class StoreSettingsTests extends BrowserTest {

    private static final LocatorAssertions.HasAttributeOptions SYNC_TIMEOUT =
            new LocatorAssertions.HasAttributeOptions().setTimeout(120_000);

    @Test
    void a_store_whose_token_shopify_stopped_accepting_is_repaired_with_new_credentials_and_then_deleted()
            throws IOException {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("repair")).withCounts(30, 5, 60, 5)
                .withTimezone("America/New_York"));
        Page page = newPage(1366, 900);
        signUp(page, newEmail());
        FailedStore failed = connectThenRotateToken(page, shop);
        UUID store = failed.id();

        assertThat(page.getByTestId("sync-progress")).containsText("The sync failed");
        assertThat(page.getByTestId("needs-reconnect")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now"))).isDisabled();
        screenshot(page, "store-failed");
        DashboardJourneyTests.copyToDocs("store-failed");

        page.navigate("/stores/" + store + "/dashboard");
        assertThat(page.getByTestId("store-problem")).containsText("no longer accepts this store's credentials");
        assertThat(page.locator("main")).not().containsText("may still be running");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Update the store's credentials")).click();
        page.waitForURL("**/stores/" + store + "/settings");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and reconnect")).click();
        assertThat(page.locator("#shopifyToken-error")).containsText("access token");
        page.getByLabel("Admin API access token").fill(failed.rotated().accessToken());
        page.getByLabel("API secret key").fill(shop.apiSecret());
        WebJourneyTests.assertNoHorizontalScroll(page);
        screenshot(page, "store-settings");
        DashboardJourneyTests.copyToDocs("store-settings");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and reconnect")).click();
        page.waitForURL("**/stores/" + store + "?reconnected");
        assertThat(page.getByTestId("reconnected")).isVisible();
        assertThat(page.getByTestId("sync-progress")).hasAttribute("data-status", "SUCCEEDED", SYNC_TIMEOUT);
        assertThat(page.getByTestId("needs-reconnect")).hasCount(0);

        // the history, newest first, refreshed when the run ends: the repair (an incremental sync that finds nothing
        // new), the failed run with Shopify's answer, the first sync
        Locator rows = page.locator("[data-testid=sync-history] tbody tr");
        assertThat(rows).hasCount(3);
        assertThat(rows.nth(0)).containsText("Succeeded");
        assertThat(rows.nth(0).locator("time")).containsText(PageFormat.zoneName(Instant.now(), "America/New_York"));
        assertThat(rows.nth(1)).containsText("Failed");
        assertThat(rows.nth(2)).containsText("Succeeded");
        assertThat(rows.nth(2)).containsText("60 orders");
        assertThat(rows.nth(2)).containsText("on connect");
        assertThat(page.getByTestId("store-totals")).containsText("60 orders, 30 customers, 5 products");
        assertThat(page.getByTestId("sync-progress")).containsText("finished");
        assertThat(page.getByTestId("sync-progress")).containsText(PageFormat.zoneName(Instant.now(), "America/New_York"));
        screenshot(page, "sync-history");
        DashboardJourneyTests.copyToDocs("sync-history");
        page.navigate("/stores/" + store + "/dashboard");
        assertThat(page.getByTestId("store-problem")).hasCount(0);

        page.navigate("/stores/" + store + "/settings");
        page.getByLabel("Type").fill("another-shop.myshopify.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete this store")).click();
        assertThat(page.locator("#confirm-error")).containsText("nothing was deleted");
        page.navigate("/stores");
        assertThat(page.getByTestId("store-list")).containsText(shop.domain());

        page.navigate("/stores/" + store + "/settings");
        page.getByLabel("Type").fill(shop.domain());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete this store")).click();
        page.waitForURL("**/stores?deleted=*");
        assertThat(page.getByTestId("deleted")).containsText("was disconnected");
        assertThat(page.getByTestId("no-stores")).isVisible();
        page.navigate("/stores/" + store);
        assertThat(page.locator("h1")).hasText("Store not found");
    }

    @Test
    void on_a_phone_a_failed_store_reconnects_with_client_credentials_and_with_a_shopify_reinstall() throws IOException {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("phone-repair")).withCounts(20, 5, 40, 5));
        Page page = newPage(375, 812);
        signUp(page, newEmail());
        UUID store = connectThenRotateToken(page, shop).id();
        WebJourneyTests.assertNoHorizontalScroll(page);
        screenshot(page, "phone-store-failed");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Update its credentials")).click();
        page.getByLabel("Client ID and secret").check();
        page.getByLabel("Client ID", new Page.GetByLabelOptions().setExact(true)).fill(shop.clientId());
        page.getByLabel("Client secret").fill("not-the-secret");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and reconnect")).click();
        assertThat(page.locator("#clientSecret-error")).containsText("refused");
        WebJourneyTests.assertNoHorizontalScroll(page);
        screenshot(page, "phone-store-settings");
        DashboardJourneyTests.copyToDocs("phone-store-settings");

        // a slow Shopify keeps the run at 0 % long enough to see what the page says meanwhile
        SIMULATOR.faults(shop.domain(), new Faults(true, null, null, 0, 150, 0, false, 0, null));
        page.getByLabel("Client secret").fill(shop.clientSecret());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and reconnect")).click();
        page.waitForURL("**/stores/" + store + "?reconnected");
        page.evaluate("() => { window.seen = []; const note = () => { const f = document.querySelector("
                + "'[data-testid=sync-progress] .sync-figures'); if (f) window.seen.push(f.textContent.trim()"
                + ".replace(/\\s+/g, ' ')); }; note(); new MutationObserver(note)"
                + ".observe(document.body, {childList: true, subtree: true}); }");
        assertThat(page.getByTestId("sync-progress")).hasAttribute("data-status", "SUCCEEDED", SYNC_TIMEOUT);
        SIMULATOR.faults(shop.domain(), Faults.NONE);
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) page.evaluate("() => window.seen");
        org.assertj.core.api.Assertions.assertThat(seen).isNotEmpty()
                .noneMatch(text -> text.startsWith("0%") || text.contains("estimating"));
        WebJourneyTests.assertNoHorizontalScroll(page);
        screenshot(page, "phone-sync-history");

        page.navigate("/stores/" + store + "/settings");
        assertThat(page.locator("#credentials")).containsText("client credentials");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reinstall with Shopify")).click();
        page.waitForURL("**/stores/" + store + "?connected");
        page.navigate("/stores/" + store + "/settings");
        assertThat(page.locator("#credentials")).containsText("the Shopify app install");
    }

    /** A store whose token Shopify no longer accepts, and the shop's new credentials. */
    private record FailedStore(UUID id, ShopCredentials rotated) {}

    /**
     * A store that worked until the merchant rotated its app's token in the Shopify admin: the next sync fails on
     * Shopify's 401 and the store needs new credentials. (A made-up token is refused at connect time.)
     */
    private static FailedStore connectThenRotateToken(Page page, ShopCredentials shop) {
        page.navigate("/stores/new");
        page.getByLabel("Shop domain").fill(shop.domain());
        page.getByLabel("Admin API access token", new Page.GetByLabelOptions().setExact(true)).fill(shop.accessToken());
        page.getByLabel("API secret key").fill(shop.apiSecret());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect store")).click();
        page.waitForURL("**/stores/*?connected");
        UUID store = UUID.fromString(page.url().replaceAll(".*/stores/([0-9a-f-]+).*", "$1"));
        assertThat(page.getByTestId("sync-progress")).hasAttribute("data-status", "SUCCEEDED", SYNC_TIMEOUT);
        ShopCredentials rotated = SIMULATOR.rotateAccessToken(shop.domain());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now")).click();
        assertThat(page.getByTestId("sync-progress")).hasAttribute("data-status", "FAILED", SYNC_TIMEOUT);
        page.navigate("/stores/" + store);
        return new FailedStore(store, rotated);
    }

    private static String domain(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    }
}
