package io.storefront.catalog;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

public record CheckoutLineItem(@Nullable String title, int quantity, @Nullable Long variantId, @Nullable BigDecimal price) {}
