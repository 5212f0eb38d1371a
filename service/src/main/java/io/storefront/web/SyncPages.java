package io.storefront.web;

import io.storefront.ingest.SyncAlreadyRunning;
import io.storefront.ingest.SyncRun;
import io.storefront.ingest.SyncRunner;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import io.storefront.tenants.Stores;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * "Sync now" and the live progress fragment: while a run is queued or running the fragment asks htmx to fetch it
 * again in a second; a finished run's fragment carries no trigger, so polling stops by itself.
 */
@Controller
class SyncPages {

    private final Stores stores;
    private final SyncRunner runner;

    SyncPages(Stores stores, SyncRunner runner) {
        this.stores = stores;
        this.runner = runner;
    }

    @PostMapping("/stores/{id}/sync")
    String syncNow(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        StoreId store = owned(id);
        try {
            runner.start(store, null, "USER");
        } catch (SyncAlreadyRunning alreadyRunning) {
            // the page simply shows the run in progress
        }
        if (!htmx) {
            return "redirect:/stores/" + id + "#sync";
        }
        return progress(id, model);
    }

    @GetMapping("/stores/{id}/sync/progress")
    String progress(@PathVariable UUID id, Model model) {
        StoreId store = owned(id);
        model.addAttribute("storeId", id);
        model.addAttribute("run", latest(runner, store));
        return "sync :: progress";
    }

    static @Nullable SyncRun latest(SyncRunner runner, StoreId store) {
        return runner.recent(store, 1).stream().findFirst().orElse(null);
    }

    private StoreId owned(UUID id) {
        return stores.ownedBy(CurrentUser.get().userId(), id).orElseThrow(StoreNotFound::new);
    }
}
