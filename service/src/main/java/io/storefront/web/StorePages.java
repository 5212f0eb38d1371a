package io.storefront.web;

import io.storefront.catalog.StoreRecordCounts;
import io.storefront.ingest.SyncRun;
import io.storefront.ingest.SyncRunner;
import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.tenants.OAuthInstalls;
import io.storefront.tenants.StoreConnections;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import io.storefront.tenants.StoreSummary;
import io.storefront.tenants.Stores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The store list, the connect form and a store's own page. */
@Controller
class StorePages {

    /** {@code method} is {@code token} (admin API token + app secret) or {@code client} (client credentials). */
    record ConnectForm(@Nullable String name, @Nullable String shopifyDomain, @Nullable String method,
            @Nullable String shopifyToken, @Nullable String apiSecret, @Nullable String clientId,
            @Nullable String clientSecret) {

        static ConnectForm empty() {
            return new ConnectForm("", "", "token", "", "", "", "");
        }

        /** Secrets are never sent back into the page. */
        ConnectForm withoutSecrets() {
            return new ConnectForm(name, shopifyDomain, method, "", "", clientId, "");
        }

        public boolean usesClientCredentials() {
            return "client".equals(method);
        }
    }

    /** Runs listed in the store's sync history, newest first. */
    static final int HISTORY = 20;

    private final Stores stores;
    private final StoreConnections connections;
    private final SyncRunner runner;
    private final OAuthInstalls installs;
    private final StoreRecordCounts recordCounts;

    StorePages(Stores stores, StoreConnections connections, SyncRunner runner, OAuthInstalls installs,
            StoreRecordCounts recordCounts) {
        this.stores = stores;
        this.connections = connections;
        this.runner = runner;
        this.installs = installs;
        this.recordCounts = recordCounts;
    }

    @GetMapping("/stores")
    String list(Model model) {
        List<StoreSummary> owned = stores.ownedStores(CurrentUser.get().userId());
        model.addAttribute("stores", owned);
        model.addAttribute("transfers", connections.transfersAway(CurrentUser.get().userId()));
        return "stores";
    }

    @GetMapping("/stores/new")
    String connectForm(Model model) {
        model.addAttribute("form", ConnectForm.empty());
        model.addAttribute("errors", Map.of());
        model.addAttribute("installAvailable", installs.available());
        return "connect";
    }

    @PostMapping("/stores")
    String connect(ConnectForm form, Model model) {
        String domain = blankToEmpty(form.shopifyDomain());
        String name = blankToEmpty(form.name()).isEmpty() ? domain : blankToEmpty(form.name());
        StoreConnections.Connect request = form.usesClientCredentials()
                ? new StoreConnections.Connect(name, domain, null, null, form.clientId(), form.clientSecret())
                : new StoreConnections.Connect(name, domain, form.shopifyToken(), form.apiSecret(), null, null);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            StoreSummary store = connections.connect(CurrentUser.get().userId(), request);
            return "redirect:/stores/" + store.id() + "?connected";
        } catch (ApiException e) {
            errors.putAll(FieldErrors.of(e, "shopifyDomain"));
        }
        model.addAttribute("form", form.withoutSecrets());
        model.addAttribute("errors", errors);
        model.addAttribute("installAvailable", installs.available());
        return "connect";
    }

    @GetMapping("/stores/{id}")
    String store(@PathVariable UUID id, @RequestParam(name = "connected", required = false) @Nullable String connected,
            Model model) {
        StoreId store = owned(id);
        StoreSummary summary = connections.get(CurrentUser.get().userId(), store.value());
        model.addAttribute("store", summary);
        model.addAttribute("storeId", id);
        model.addAttribute("connected", connected != null);
        model.addAttribute("storeActive", summary.status() == io.storefront.tenants.StoreStatus.ACTIVE);
        model.addAttribute("zone", summary.timezone());
        List<SyncRun> history = runner.recent(store, HISTORY);
        model.addAttribute("run", history.isEmpty() ? null : history.get(0));
        model.addAttribute("history", history);
        model.addAttribute("totals", recordCounts.of(store));
        return "store";
    }

    private StoreId owned(UUID id) {
        return stores.ownedBy(CurrentUser.get().userId(), id).orElseThrow(StoreNotFound::new);
    }

    private static String blankToEmpty(@Nullable String value) {
        return value == null ? "" : value.trim();
    }
}
