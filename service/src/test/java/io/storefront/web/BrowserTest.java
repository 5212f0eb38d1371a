package io.storefront.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.storefront.IntegrationTest;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * A real headless Chromium (the system's, as in .ci/run) against the whole service. One browser per test JVM;
 * each test gets a fresh context, so cookies never leak between tests.
 */
abstract class BrowserTest extends IntegrationTest {

    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final String PASSWORD = "correct horse battery staple";

    private static Playwright playwright;
    private static Browser browser;

    private BrowserContext context;

    private static synchronized Browser browser() {
        if (browser == null) {
            playwright = Playwright.create();
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    Page newPage(int width, int height) {
        context = browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setBaseURL(api().base())
                .setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        // a script error fails no assertion by itself, so it is at least printed next to the failure
        page.onPageError(error -> System.err.println("[browser error] " + error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                System.err.println("[browser console] " + message.text());
            }
        });
        return page;
    }

    Page newPage() {
        return newPage(1280, 900);
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    static String newEmail() {
        return "shopper-" + UUID.randomUUID() + "@example.com";
    }

    /** Signs up through the form; ends on the store list. */
    static void signUp(Page page, String email) {
        page.navigate("/signup");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Create account")).click();
        page.waitForURL("**/stores?welcome");
    }
}
