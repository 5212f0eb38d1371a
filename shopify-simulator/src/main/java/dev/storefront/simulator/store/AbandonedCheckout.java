package dev.storefront.simulator.store;

import java.util.List;

/**
 * A checkout the buyer left before paying.
 *
 * @param completedAt set when the checkout was later recovered, else null
 */
public record AbandonedCheckout(int index, long id, String token, String cartToken, String email, int customerIndex,
                                long createdAt, long updatedAt, Long completedAt, String abandonedCheckoutUrl,
                                String currencyCode, String presentmentCurrencyCode, List<LineItem> lineItems,
                                MoneyBag subtotal, MoneyBag totalTax, MoneyBag totalPrice) {
}
