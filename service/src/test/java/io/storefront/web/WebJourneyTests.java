package io.storefront.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import org.junit.jupiter.api.Test;

class WebJourneyTests extends BrowserTest {

    @Test
    void connect_form_shows_errors_next_to_fields_and_sign_in_rejects_a_wrong_password() {
        Page page = newPage();
        page.navigate("/");
        assertThat(page).hasURL(api().base() + "/signin");
        screenshot(page, "signin");

        String email = newEmail();
        signUp(page, email);
        assertThat(page.getByTestId("no-stores")).isVisible();
        assertThat(page.locator(".topnav")).containsText(email);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Connect your first store")).click();
        page.getByLabel("Shop domain").fill("not a domain");
        page.getByLabel("Admin API access token", new Page.GetByLabelOptions().setExact(true)).fill("shpat_x");
        page.getByLabel("API secret key").fill("secret");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect store")).click();
        assertThat(page.locator("#shopifyDomain-error")).containsText("myshopify.com");
        assertThat(page.getByLabel("Shop domain")).hasAttribute("aria-invalid", "true");

        String domain = "web-" + System.nanoTime() + ".myshopify.com";
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain).withCounts(0, 1, 0, 0));
        page.getByLabel("Shop domain").fill(domain);
        page.getByLabel("Admin API access token", new Page.GetByLabelOptions().setExact(true)).fill(shop.accessToken());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect store")).click();
        assertThat(page.locator("#apiSecret-error")).isVisible();
        screenshot(page, "connect-errors");

        page.getByLabel("Admin API access token", new Page.GetByLabelOptions().setExact(true)).fill(shop.accessToken());
        page.getByLabel("API secret key").fill(shop.apiSecret());
        page.getByLabel("Display name (optional)").fill("Acme Outfitters");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect store")).click();
        page.waitForURL("**/stores/*?connected");
        assertThat(page.locator("h1")).hasText("Acme Outfitters");

        page.locator(".topnav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Stores")).click();
        assertThat(page.getByTestId("store-list")).containsText("Acme Outfitters");
        assertThat(page.getByTestId("store-list")).containsText(domain);
        screenshot(page, "stores");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.waitForURL("**/signin?signedout");
        page.navigate("/stores");
        assertThat(page).hasURL(api().base() + "/signin");

        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("wrong password entirely");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("wrong");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/stores(\\?continue)?$"));
        assertThat(page.getByTestId("store-list")).containsText("Acme Outfitters");
    }

    @Test
    void connects_a_store_with_the_shopify_install_button() {
        String domain = "install-" + System.nanoTime() + ".myshopify.com";
        SIMULATOR.createShop(ShopSpec.of(domain).withCounts(20, 5, 40, 5));
        Page page = newPage();
        signUp(page, newEmail());
        page.navigate("/stores/new");
        page.getByLabel("Shop to install on").fill("not-a-shop");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect with Shopify")).click();
        assertThat(page.locator("#install-error")).containsText("myshopify.com");

        page.getByLabel("Shop to install on").fill(domain);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect with Shopify")).click();
        page.waitForURL("**/stores/*?connected");
        assertThat(page.locator("main")).containsText(domain);
    }

    @Test
    void fits_a_375_px_phone_without_horizontal_scrolling() {
        Page page = newPage(375, 812);
        page.navigate("/signin");
        assertNoHorizontalScroll(page);
        signUp(page, newEmail());
        assertNoHorizontalScroll(page);
        page.navigate("/stores/new");
        assertNoHorizontalScroll(page);
        screenshot(page, "phone-connect");
    }

    static void assertNoHorizontalScroll(Page page) {
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        if (((Number) overflow).intValue() <= 0) {
            return;
        }
        Object widest = page.evaluate("() => [...document.querySelectorAll('main *')]"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"
                + ".slice(-6)");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow on " + page.url() + " by " + widest).isLessThanOrEqualTo(0);
    }
}
