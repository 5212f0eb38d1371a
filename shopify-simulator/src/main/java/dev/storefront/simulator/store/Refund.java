package dev.storefront.simulator.store;

/** A refund of one line of an order. */
public record Refund(long id, long createdAt, long lineItemId, int quantity, MoneyBag totalRefunded, MoneyBag subtotal,
                     MoneyBag totalTax) {
}
