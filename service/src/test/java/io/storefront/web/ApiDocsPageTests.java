package io.storefront.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API docs page as a developer meets it: named, with Authorize, and the store named by a header. */
class ApiDocsPageTests extends BrowserTest {

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1366, 375})
    void the_docs_offer_authorize_and_the_tenant_header(int width) throws IOException {
        Page page = newPage(width, width < 800 ? 812 : 900);
        page.navigate("/swagger-ui.html");
        // the first request for the OpenAPI document builds it, which takes seconds on a busy machine
        page.locator(".information-container").waitFor(new Locator.WaitForOptions().setTimeout(60_000));
        assertThat(page.locator(".information-container")).containsText("Storefront Insights API");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Authorize"))).isVisible();
        page.locator("#operations-insights-controller-dashboard, [id$='-dashboard']").first().locator(".opblock-summary").click();
        assertThat(page.locator(".parameters")).containsText("X-Tenant-Id");
        assertThat(page.locator(".parameters")).not().containsText("storeId");
        assertThat(page.locator(".parameters").getByText("X-Tenant-Id")).isVisible();
        if (width == 1366) {
            screenshot(page, "api-docs");
            DashboardJourneyTests.copyToDocs("api-docs");
        } else {
            screenshot(page, "phone-api-docs");
        }
    }
}
