package io.storefront.web;

import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.tenants.OAuthInstalls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Connect with Shopify": starts the public-app OAuth install for the signed-in user and sends the browser to
 * Shopify; Shopify sends it back to the tenants module's callback, which lands on the new store's page.
 */
@Controller
class InstallPages {

    /** Must match the tenants module's callback: the nonce ties the callback to this browser. */
    static final String BROWSER_COOKIE = "si_install";
    static final String CALLBACK_PATH = "/api/shopify/callback";

    private final OAuthInstalls installs;

    InstallPages(OAuthInstalls installs) {
        this.installs = installs;
    }

    @PostMapping("/stores/install")
    String install(@RequestParam(required = false) @Nullable String shop, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        String domain = shop == null ? "" : shop.trim();
        try {
            OAuthInstalls.Started started = installs.begin(CurrentUser.get().userId(), domain);
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(BROWSER_COOKIE, started.browserNonce())
                    .httpOnly(true).secure(request.isSecure()).sameSite("Lax").path(CALLBACK_PATH).maxAge(600).build()
                    .toString());
            return "redirect:" + started.authorizeUrl();
        } catch (ApiException e) {
            Map<String, String> errors = FieldErrors.of(e, "shop");
            model.addAttribute("installShop", domain);
            model.addAttribute("installError", errors.getOrDefault("shop", errors.values().iterator().next()));
            model.addAttribute("form", StorePages.ConnectForm.empty());
            model.addAttribute("errors", Map.of());
            model.addAttribute("installAvailable", installs.available());
            return "connect";
        }
    }
}
