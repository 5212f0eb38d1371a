package dev.storefront.simulator.webhooks;

/**
 * One subscription of an app to a topic of a shop.
 *
 * @param topic     header spelling, e.g. {@code orders/create}
 * @param appSecret the client secret of the app that subscribed; it signs every delivery
 */
public record WebhookSubscription(long id, String topic, String uri, String format, long createdAt, String appSecret) {

    public String gid() {
        return "gid://shopify/WebhookSubscription/" + id;
    }
}
