package dev.storefront.simulator.store;

/** One purchasable variant of a product. */
public record ProductVariant(long id, int productIndex, long productId, int position, String title, String sku,
                             Money price, int grams, long createdAt, long updatedAt) {
}
