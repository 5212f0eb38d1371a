package dev.storefront.simulator.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The webhook subscriptions of one shop. */
public final class WebhookSubscriptions {

    private static final AtomicLong NEXT_ID = new AtomicLong(1_254_101_000L);

    private final Map<Long, WebhookSubscription> byId = new ConcurrentSkipListMap<>();

    /**
     * A new subscription, or null when the topic already has one to this address: Shopify keeps one per topic and
     * address however many requests race to create it.
     */
    public synchronized WebhookSubscription createUnlessTaken(String topic, String uri, String format, long now,
            String appSecret) {
        for (WebhookSubscription existing : forTopic(topic)) {
            if (existing.uri().equals(uri)) {
                return null;
            }
        }
        WebhookSubscription subscription = new WebhookSubscription(NEXT_ID.getAndAdd(7), topic, uri, format, now, appSecret);
        byId.put(subscription.id(), subscription);
        return subscription;
    }

    public boolean delete(long id) {
        return byId.remove(id) != null;
    }

    public WebhookSubscription find(long id) {
        return byId.get(id);
    }

    public List<WebhookSubscription> all() {
        return new ArrayList<>(byId.values());
    }

    public List<WebhookSubscription> forTopic(String topic) {
        List<WebhookSubscription> matching = new ArrayList<>();
        for (WebhookSubscription subscription : byId.values()) {
            if (subscription.topic().equals(topic)) {
                matching.add(subscription);
            }
        }
        return matching;
    }

    public void clear() {
        byId.clear();
    }
}
