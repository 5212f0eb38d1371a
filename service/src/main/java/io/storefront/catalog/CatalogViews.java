package io.storefront.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the read API returns. Shopify ids are strings (they exceed 2^53, which JavaScript numbers cannot hold),
 * and so is money, with at least two decimals.
 */
final class CatalogViews {

    private CatalogViews() {}

    record Page<T>(List<T> items, @Nullable String nextCursor) {}

    record Customer(String id, @Nullable String email, @Nullable String firstName, @Nullable String lastName,
            @Nullable String phone, @Nullable String state, @Nullable String tags, @Nullable Integer numberOfOrders,
            @Nullable String amountSpent, @Nullable String currency, @Nullable Instant createdAt, Instant updatedAt) {}

    record CustomerDetail(Customer customer, List<Order> recentOrders) {}

    record Product(String id, String title, @Nullable String handle, @Nullable String productType,
            @Nullable String vendor, @Nullable String status, @Nullable Instant createdAt, Instant updatedAt) {}

    record Variant(String id, @Nullable String title, @Nullable String sku, @Nullable String price) {}

    record ProductDetail(Product product, List<Variant> variants) {}

    record Order(String id, @Nullable String name, @Nullable String email, @Nullable String customerId,
            Instant createdAt, Instant updatedAt, Instant processedAt, @Nullable Instant cancelledAt, boolean test,
            @Nullable String financialStatus, String currency, @Nullable String presentmentCurrency, String totalPrice,
            @Nullable String subtotalPrice, @Nullable String totalDiscounts, @Nullable String totalTax,
            @Nullable String totalRefunded, @Nullable String presentmentTotalPrice) {}

    record LineItem(String id, @Nullable String productId, @Nullable String variantId, @Nullable String title,
            @Nullable String sku, int quantity, String price, @Nullable String discountedPrice) {}

    record Refund(String id, Instant createdAt, String amount) {}

    record OrderDetail(Order order, List<LineItem> lineItems, List<Refund> refunds) {}

    record Checkout(String id, @Nullable String token, @Nullable String email, @Nullable String customerId,
            Instant createdAt, Instant updatedAt, @Nullable Instant completedAt, @Nullable String currency,
            @Nullable String totalPrice, @Nullable String abandonedCheckoutUrl, JsonNode lineItems) {}

    static @Nullable String money(@Nullable BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return (amount.scale() < 2 ? amount.setScale(2, RoundingMode.UNNECESSARY) : amount).toPlainString();
    }

    static @Nullable String id(@Nullable Long id) {
        return id == null ? null : Long.toString(id);
    }
}
