package io.storefront.webhooks;

import io.storefront.platform.PlatformSettings;
import io.storefront.shopify.ShopifyQueryFailed;
import io.storefront.shopify.ShopifySession;
import io.storefront.shopify.WebhookSubscription;
import io.storefront.shopify.WebhookSubscriptions;
import io.storefront.tenants.StoreConnected;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Subscribes every consumed topic of a store to {@code {public url}/api/webhook/{tenant}}. Idempotent: a topic
 * already delivered to that address is kept, a second subscription of it and any subscription of it to another
 * (stale) address are deleted, and the Webhook table is brought in line with what Shopify has.
 */
@Service
class WebhookRegistration implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookRegistration.class);

    private final Stores stores;
    private final WebhookSubscriptions shopify;
    private final Subscriptions subscriptions;
    private final PlatformSettings platform;
    private final WebhookSettings settings;
    private final SimpleAsyncTaskExecutor background = new SimpleAsyncTaskExecutor("webhook-registration-");

    WebhookRegistration(Stores stores, WebhookSubscriptions shopify, Subscriptions subscriptions,
            PlatformSettings platform, WebhookSettings settings) {
        this.stores = stores;
        this.shopify = shopify;
        this.subscriptions = subscriptions;
        this.platform = platform;
        this.settings = settings;
        this.background.setTaskTerminationTimeout(10_000);
    }

    List<RegisteredWebhook> register(StoreId store) {
        ShopifySession session = stores.session(store);
        String uri = platform.publicUrl().replaceAll("/+$", "") + "/api/webhook/" + store.value();
        List<WebhookSubscription> existing = shopify.list(session);
        List<RegisteredWebhook> registered = new ArrayList<>();
        for (String topic : WebhookTopics.SUBSCRIBED) {
            String graphqlTopic = topic.replace('/', '_').toUpperCase(Locale.ROOT);
            WebhookSubscription kept = null;
            for (WebhookSubscription subscription : existing) {
                if (!subscription.topic().equalsIgnoreCase(graphqlTopic)) {
                    continue;
                }
                if (kept == null && subscription.uri().equals(uri)) {
                    kept = subscription;
                } else {
                    deleteUnlessGone(session, subscription);
                }
            }
            if (kept == null) {
                kept = createUnlessMade(session, topic, graphqlTopic, uri);
            }
            RegisteredWebhook webhook = new RegisteredWebhook(topic, kept.id(), uri);
            subscriptions.save(store, webhook);
            registered.add(webhook);
        }
        subscriptions.keepOnly(store, WebhookTopics.SUBSCRIBED);
        log.info("Store {}: {} webhook topics subscribed to {}", store, registered.size(), uri);
        return registered;
    }

    /*
     * Registration may run twice at once for a store (the connect-time one and POST /api/shopify/webhooks/register,
     * or two instances). Shopify then refuses the second create of a topic and address ("already been taken"), or
     * the second delete of a duplicate: what Shopify holds afterwards is what both wanted, so it counts as done.
     * Shopify's user errors here carry no code, so the check is Shopify's list, not the error's wording.
     */
    private WebhookSubscription createUnlessMade(ShopifySession session, String topic, String graphqlTopic, String uri) {
        try {
            return shopify.create(session, topic, uri);
        } catch (ShopifyQueryFailed refused) {
            return shopify.list(session).stream()
                    .filter(s -> s.topic().equalsIgnoreCase(graphqlTopic) && s.uri().equals(uri))
                    .findFirst()
                    .orElseThrow(() -> refused);
        }
    }

    private void deleteUnlessGone(ShopifySession session, WebhookSubscription subscription) {
        try {
            shopify.delete(session, subscription.id());
        } catch (ShopifyQueryFailed refused) {
            if (shopify.list(session).stream().anyMatch(s -> s.id().equals(subscription.id()))) {
                throw refused;
            }
        }
    }

    /** A merchant connecting a store should not wait for, nor see, Shopify's answer to this. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(StoreConnected connected) {
        if (!settings.registerOnConnect()) {
            return;
        }
        background.execute(() -> {
            try {
                register(connected.storeId());
            } catch (RuntimeException e) {
                log.warn("Store {}: webhook registration after connecting failed ({}); POST /api/shopify/webhooks/register retries it",
                        connected.storeId(), DeliveryWorkers.describe(e));
            }
        });
    }

    @Override
    public void destroy() {
        background.close();
    }
}
