package io.storefront.tenants;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

    record ConnectRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 255) String shopifyDomain,
            @Nullable @Size(max = 512) String shopifyToken,
            @Nullable @Size(max = 512) String apiSecret,
            @Nullable @Size(max = 255) String clientId,
            @Nullable @Size(max = 512) String clientSecret) {}

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
    StoreSummary connect(@Valid @RequestBody ConnectRequest request) {
        return connections.connect(StoreIdResolver.currentUser(), new StoreConnections.Connect(request.name(),
                request.shopifyDomain(), request.shopifyToken(), request.apiSecret(), request.clientId(),
                request.clientSecret()));
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
