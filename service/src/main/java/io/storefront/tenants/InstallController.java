package io.storefront.tenants;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The OAuth install: the signed-in user is sent to Shopify; Shopify sends their browser back to the callback. */
@RestController
@RequestMapping("/api/shopify")
class InstallController {

    static final String BROWSER_COOKIE = "si_install";

    private final OAuthInstalls installs;

    InstallController(OAuthInstalls installs) {
        this.installs = installs;
    }

    @GetMapping("/install")
    ResponseEntity<Void> install(@RequestParam String shop, HttpServletRequest request) {
        OAuthInstalls.Started started = installs.begin(StoreIdResolver.currentUser(), shop);
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(started.authorizeUrl())
                .header(HttpHeaders.SET_COOKIE, browserCookie(started.browserNonce(), request.isSecure()).toString())
                .build();
    }

    @GetMapping("/callback")
    ResponseEntity<Void> callback(@RequestParam Map<String, String> query,
            @CookieValue(name = BROWSER_COOKIE, required = false) @Nullable String browserNonce) {
        OAuthInstalls.Installed installed = installs.complete(query, browserNonce);
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/stores/" + installed.store().id()
                        + (installed.movedFromAnotherAccount() ? "?connected&transferred" : "?connected")))
                .header(HttpHeaders.SET_COOKIE, ResponseCookie.from(BROWSER_COOKIE, "").path("/api/shopify/callback")
                        .maxAge(0).build().toString())
                .build();
    }

    /** Lax, so the top-level redirect back from Shopify carries it; scoped to the callback path only. */
    static ResponseCookie browserCookie(String nonce, boolean secure) {
        return ResponseCookie.from(BROWSER_COOKIE, nonce).httpOnly(true).secure(secure).sameSite("Lax")
                .path("/api/shopify/callback").maxAge(600).build();
    }
}
