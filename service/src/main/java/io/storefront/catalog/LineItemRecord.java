package io.storefront.catalog;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** {@code price} is the original unit price, {@code discountedPrice} the unit price after discounts. */
public record LineItemRecord(
        long id,
        @Nullable Long productId,
        @Nullable Long variantId,
        @Nullable String title,
        @Nullable String sku,
        int quantity,
        BigDecimal price,
        @Nullable BigDecimal discountedPrice) {}
