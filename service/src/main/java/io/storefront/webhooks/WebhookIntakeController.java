package io.storefront.webhooks;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Shopify's door: open (the HMAC is the authentication), 5 MiB body limit, 200 once the delivery is committed. */
@RestController
class WebhookIntakeController {

    private final WebhookInbox inbox;

    WebhookIntakeController(WebhookInbox inbox) {
        this.inbox = inbox;
    }

    @PostMapping("/api/webhook/{tenantId}")
    ResponseEntity<Void> receive(@PathVariable String tenantId,
            @RequestHeader(name = "X-Shopify-Hmac-Sha256", required = false) @Nullable String hmac,
            @RequestHeader(name = "X-Shopify-Shop-Domain", required = false) @Nullable String shopDomain,
            @RequestHeader(name = "X-Shopify-Webhook-Id", required = false) @Nullable String webhookId,
            @RequestHeader(name = "X-Shopify-Topic", required = false) @Nullable String topic,
            @RequestHeader(name = "X-Shopify-API-Version", required = false) @Nullable String apiVersion,
            @RequestHeader(name = "X-Shopify-Triggered-At", required = false) @Nullable String triggeredAt,
            @RequestHeader(name = "X-Shopify-Event-Id", required = false) @Nullable String eventId,
            @RequestBody(required = false) byte @Nullable [] body) {
        inbox.accept(tenantId, new WebhookInbox.Headers(hmac, shopDomain, webhookId, topic, apiVersion, triggeredAt, eventId),
                body == null ? new byte[0] : body);
        return ResponseEntity.ok().build();
    }
}
