package io.storefront.ingest;

import io.storefront.tenants.StoreId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/shopify/sync")
class SyncController {

    record SyncRequest(@Nullable String mode) {}

    record Started(UUID syncRunId) {}

    private final SyncRunner runner;

    SyncController(SyncRunner runner) {
        this.runner = runner;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started start(StoreId store, @RequestBody(required = false) @Nullable SyncRequest request) {
        return new Started(runner.start(store, mode(request), "USER"));
    }

    @GetMapping("/{id}")
    SyncRun run(StoreId store, @PathVariable UUID id) {
        return runner.find(store, id);
    }

    @GetMapping
    List<SyncRun> recent(StoreId store, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw new InvalidSyncRequest("limit must be between 1 and 100");
        }
        return runner.recent(store, limit);
    }

    private static @Nullable SyncMode mode(@Nullable SyncRequest request) {
        if (request == null || request.mode() == null || request.mode().isBlank()) {
            return null;
        }
        return switch (request.mode().toLowerCase(Locale.ROOT)) {
            case "full" -> SyncMode.FULL;
            case "incremental" -> SyncMode.INCREMENTAL;
            case "reconcile" -> SyncMode.RECONCILE;
            default -> throw new InvalidSyncRequest("mode must be one of full, incremental, reconcile");
        };
    }

    static final class InvalidSyncRequest extends io.storefront.platform.ApiProblems.ApiException {
        InvalidSyncRequest(String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid-sync-request", "Invalid sync request", detail);
        }
    }

}
