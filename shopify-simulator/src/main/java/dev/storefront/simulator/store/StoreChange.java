package dev.storefront.simulator.store;

/**
 * Something that happened in a store, named by the webhook topic Shopify would fire for it.
 *
 * @param subject the record after the change ({@link Order}, {@link Customer}, {@link Product},
 *                {@link AbandonedCheckout}), an {@link OrderRefund}, or for deletions the deleted id (Long)
 */
public record StoreChange(String topic, Object subject) {

    /** A refund together with its order, which the refunds/create payload needs. */
    public record OrderRefund(Order order, Refund refund) {
    }
}
