package io.storefront.tenants;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tenant")
class TenantController {

    /** Checked by {@link StoreConnections#connect}, the one place the web form's fields are checked too. */
    record ConnectRequest(@Nullable String name, @Nullable String shopifyDomain, @Nullable String shopifyToken,
            @Nullable String apiSecret, @Nullable String clientId, @Nullable String clientSecret) {}

    record UpdateRequest(
            @Nullable @Size(max = 200) String name,
            @Nullable @Size(max = 512) String shopifyToken,
            @Nullable @Size(max = 512) String apiSecret) {}

    private final StoreConnections connections;
    private final Stores stores;

    TenantController(StoreConnections connections, Stores stores) {
        this.connections = connections;
        this.stores = stores;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StoreSummary connect(@RequestBody ConnectRequest request) {
        return connections.connect(StoreIdResolver.currentUser(), new StoreConnections.Connect(request.name(),
                request.shopifyDomain(), request.shopifyToken(), request.apiSecret(), request.clientId(),
                request.clientSecret()));
    }

    /** Stores that left this account because another account proved it holds the shop. */
    @GetMapping("/transfers")
    List<StoreTransfer> transfers() {
        return connections.transfersAway(StoreIdResolver.currentUser());
    }

    @GetMapping
    List<StoreSummary> list() {
        return stores.ownedStores(StoreIdResolver.currentUser());
    }

    @GetMapping("/{id}")
    StoreSummary get(@PathVariable UUID id) {
        return connections.get(StoreIdResolver.currentUser(), id);
    }

    @PatchMapping("/{id}")
    StoreSummary update(@PathVariable UUID id, @Valid @RequestBody UpdateRequest request) {
        return connections.update(StoreIdResolver.currentUser(), id, request.name(), request.shopifyToken(),
                request.apiSecret());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        connections.delete(StoreIdResolver.currentUser(), id);
    }
}
