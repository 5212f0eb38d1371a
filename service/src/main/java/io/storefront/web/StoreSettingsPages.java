package io.storefront.web;

import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.tenants.OAuthInstalls;
import io.storefront.tenants.StoreConnections;
import io.storefront.tenants.StoreNotFound;
import io.storefront.tenants.StoreSummary;
import io.storefront.tenants.Stores;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A store's settings: new credentials in any of the three ways a store connects (which reconnects it and queues a
 * sync), and deleting it once its owner has typed the shop's domain to confirm.
 */
@Controller
class StoreSettingsPages {

    /** {@code method} is {@code token} (admin API token + app secret) or {@code client} (client credentials). */
    record CredentialsForm(@Nullable String method, @Nullable String shopifyToken, @Nullable String apiSecret,
            @Nullable String clientId, @Nullable String clientSecret) {

        static CredentialsForm of(StoreSummary store) {
            return new CredentialsForm(store.connectionType().name().equals("ADMIN_TOKEN") ? "token" : "client", "", "",
                    "", "");
        }

        /** Secrets are never sent back into the page. */
        CredentialsForm withoutSecrets() {
            return new CredentialsForm(method, "", "", clientId, "");
        }

        public boolean usesClientCredentials() {
            return "client".equals(method);
        }
    }

    private final Stores stores;
    private final StoreConnections connections;
    private final OAuthInstalls installs;

    StoreSettingsPages(Stores stores, StoreConnections connections, OAuthInstalls installs) {
        this.stores = stores;
        this.connections = connections;
        this.installs = installs;
    }

    @GetMapping("/stores/{id}/settings")
    String settings(@PathVariable UUID id, Model model) {
        StoreSummary store = owned(id);
        return page(store, CredentialsForm.of(store), Map.of(), null, model);
    }

    @PostMapping("/stores/{id}/credentials")
    String credentials(@PathVariable UUID id, CredentialsForm form, Model model) {
        StoreSummary store = owned(id);
        try {
            if (form.usesClientCredentials()) {
                connections.replaceClientCredentials(CurrentUser.get().userId(), id, form.clientId(), form.clientSecret());
            } else if (blank(form.shopifyToken()) && blank(form.apiSecret())) {
                // the service reads two empty fields as "keep the credentials"; here they are a missing answer
                return page(store, form.withoutSecrets(), Map.of("shopifyToken",
                        "Enter the new admin API access token (shpat_…) and the app's API secret."), null, model);
            } else {
                connections.update(CurrentUser.get().userId(), id, null, form.shopifyToken(), form.apiSecret());
            }
            return "redirect:/stores/" + id + "?reconnected";
        } catch (ApiException e) {
            String fallback = form.usesClientCredentials() ? "clientSecret" : "shopifyToken";
            return page(store, form.withoutSecrets(), FieldErrors.of(e, fallback), null, model);
        }
    }

    @PostMapping("/stores/{id}/delete")
    String delete(@PathVariable UUID id, @RequestParam(required = false) @Nullable String confirm, Model model) {
        StoreSummary store = owned(id);
        if (confirm == null || !confirm.trim().equalsIgnoreCase(store.shopifyDomain())) {
            return page(store, CredentialsForm.of(store), Map.of(),
                    "Type " + store.shopifyDomain() + " exactly to confirm; nothing was deleted.", model);
        }
        connections.delete(CurrentUser.get().userId(), id);
        return "redirect:/stores?deleted=" + java.net.URLEncoder.encode(store.name(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private String page(StoreSummary store, CredentialsForm form, Map<String, String> errors,
            @Nullable String deleteError, Model model) {
        model.addAttribute("store", store);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("deleteError", deleteError);
        model.addAttribute("installAvailable", installs.available());
        return "store-settings";
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private StoreSummary owned(UUID id) {
        stores.ownedBy(CurrentUser.get().userId(), id).orElseThrow(StoreNotFound::new);
        return connections.get(CurrentUser.get().userId(), id);
    }
}
