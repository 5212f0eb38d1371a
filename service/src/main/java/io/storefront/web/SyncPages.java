package io.storefront.web;

import io.storefront.catalog.StoreRecordCounts;
import io.storefront.ingest.SyncAlreadyRunning;
import io.storefront.ingest.SyncRun;
import io.storefront.ingest.SyncRunner;
import io.storefront.ingest.SyncStatus;
import io.storefront.tenants.StoreFacts;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import io.storefront.tenants.StoreStatus;
import io.storefront.tenants.StoreUnavailable;
import io.storefront.tenants.Stores;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Sync now" and the live progress fragment: while a run is queued or running the fragment asks htmx to fetch it
 * again in a second; a finished run's fragment carries no trigger, so polling stops by itself.
 */
@Controller
class SyncPages {

    private final Stores stores;
    private final SyncRunner runner;
    private final StoreRecordCounts recordCounts;

    SyncPages(Stores stores, SyncRunner runner, StoreRecordCounts recordCounts) {
        this.stores = stores;
        this.runner = runner;
        this.recordCounts = recordCounts;
    }

    @PostMapping("/stores/{id}/sync")
    String syncNow(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        StoreId store = owned(id);
        try {
            runner.start(store, null, "USER");
        } catch (SyncAlreadyRunning alreadyRunning) {
            // the page simply shows the run in progress
        } catch (StoreUnavailable needsReconnect) {
            // a store Shopify refuses cannot sync: its settings are where it is repaired
            return htmx ? progress(id, false, model) : "redirect:/stores/" + id + "/settings";
        }
        if (!htmx) {
            return "redirect:/stores/" + id + "#sync";
        }
        return progress(id, false, model);
    }

    /** {@code connected} keeps the "store connected" greeting on the polled fragment until the first run fails. */
    @GetMapping("/stores/{id}/sync/progress")
    String progress(@PathVariable UUID id, @RequestParam(name = "connected", required = false) boolean connected,
            Model model) {
        StoreId store = owned(id);
        model.addAttribute("storeId", id);
        model.addAttribute("connected", connected);
        StoreFacts facts = stores.facts(store);
        model.addAttribute("storeActive", facts.status() == StoreStatus.ACTIVE);
        model.addAttribute("zone", facts.zone().getId());
        List<SyncRun> history = runner.recent(store, StorePages.HISTORY);
        SyncRun latest = history.isEmpty() ? null : history.get(0);
        model.addAttribute("run", latest);
        if (latest != null && (latest.status() == SyncStatus.QUEUED || latest.status() == SyncStatus.RUNNING)) {
            return "sync :: progress";
        }
        // polling ends with this answer, so it also brings the history (and totals) up to date, out of band
        model.addAttribute("history", history);
        model.addAttribute("totals", recordCounts.of(store));
        model.addAttribute("oob", true);
        return "sync :: update";
    }

    private StoreId owned(UUID id) {
        return stores.ownedBy(CurrentUser.get().userId(), id).orElseThrow(StoreNotFound::new);
    }
}
