package dev.storefront.simulator.store;

import java.util.List;

/** Exact totals of a store, for tests that compare what a client synced with what the shop holds. */
public record StoreSummary(String domain, int customers, int products, int variants, int orders, int lineItems,
                           int refunds, int cancelledOrders, int testOrders, int guestOrders, int abandonedCheckouts,
                           String ordersTotalPrice, String ordersTotalRefunded, String currencyCode,
                           long maxOrderId, List<Long> orderIds, List<Long> customerIds, List<Long> productIds,
                           List<Long> checkoutIds) {
}
