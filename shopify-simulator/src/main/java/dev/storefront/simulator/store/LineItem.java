package dev.storefront.simulator.store;

/**
 * A line of an order or of an abandoned checkout.
 *
 * @param productDeleted the product was deleted after the sale (Shopify then answers {@code product: null})
 */
public record LineItem(long id, int productIndex, long productId, long variantId, String title, String variantTitle,
                       String sku, String vendor, int quantity, int grams, MoneyBag originalUnitPrice,
                       MoneyBag discountedUnitPrice, boolean productDeleted) {

    public long discountedTotalCents() {
        return discountedUnitPrice.shopMoney().cents() * quantity;
    }
}
