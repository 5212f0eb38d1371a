package dev.storefront.simulator.store;

import java.util.List;

/**
 * An order as the store knows it now.
 *
 * @param customerIndex index into the shop's customers, or -1 for a guest checkout
 * @param cancelledAt   epoch second, or null
 */
public record Order(int index, long id, int number, String name, String email, long createdAt, long updatedAt,
                    long processedAt, Long cancelledAt, String cancelReason, boolean test, String currencyCode,
                    String presentmentCurrencyCode, String displayFinancialStatus, int customerIndex,
                    List<LineItem> lineItems, List<Refund> refunds, long discountPercent,
                    MoneyBag lineItemsTotal, MoneyBag subtotal, MoneyBag totalDiscounts, MoneyBag totalShipping,
                    MoneyBag totalTax, MoneyBag totalPrice, MoneyBag totalRefunded, MoneyBag currentTotalPrice,
                    long tokenBits, int browserHost, String sourceName) {

    public String gid() {
        return "gid://shopify/Order/" + id;
    }

    /** Built on demand: most reads (GraphQL, bulk) never ask for it. */
    public String token() {
        return Long.toHexString(tokenBits | 1L << 60) + Long.toHexString(Long.reverse(tokenBits) | 1L << 60);
    }

    public String browserIp() {
        return "203.0." + (browserHost >>> 8) + "." + (browserHost & 0xFF);
    }
}
