package io.storefront.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The API docs page as a developer meets it: named, with Authorize, and the store named by a header. */
class ApiDocsPageTests extends BrowserTest {

    @Test
    void at_1366_px_the_docs_offer_authorize_and_the_tenant_header() throws IOException {
        Page page = newPage(1366, 900);
        page.navigate("/swagger-ui.html");
        assertThat(page.locator(".information-container")).containsText("Storefront Insights API");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Authorize"))).isVisible();
        page.locator("#operations-insights-controller-dashboard, [id$='-dashboard']").first().locator(".opblock-summary").click();
        assertThat(page.locator(".parameters")).containsText("X-Tenant-Id");
        assertThat(page.locator(".parameters")).not().containsText("storeId");
        screenshot(page, "api-docs");
        DashboardJourneyTests.copyToDocs("api-docs");
    }

    @Test
    void at_375_px_the_docs_are_readable() {
        Page page = newPage(375, 812);
        page.navigate("/swagger-ui.html");
        assertThat(page.locator(".information-container")).containsText("Storefront Insights API");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Authorize"))).isVisible();
        screenshot(page, "phone-api-docs");
    }
}
