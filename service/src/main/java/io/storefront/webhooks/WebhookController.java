package io.storefront.webhooks;

import io.storefront.tenants.StoreId;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The merchant's and operator's side of webhooks: subscribe the store's topics, look at the inbox. */
@RestController
@RequestMapping("/api/shopify/webhooks")
class WebhookController {

    record Registered(List<RegisteredWebhook> webhooks) {}

    record DeliveryList(List<DeliverySummary> deliveries) {}

    private final WebhookRegistration registration;
    private final Deliveries deliveries;

    WebhookController(WebhookRegistration registration, Deliveries deliveries) {
        this.registration = registration;
        this.deliveries = deliveries;
    }

    @PostMapping("/register")
    Registered register(StoreId store) {
        return new Registered(registration.register(store));
    }

    @GetMapping("/deliveries")
    DeliveryList deliveries(StoreId store, @RequestParam(defaultValue = "FAILED") DeliveryStatus status,
            @RequestParam(defaultValue = "100") int limit) {
        return new DeliveryList(deliveries.list(store, status, Math.max(1, Math.min(limit, 1000))));
    }
}
