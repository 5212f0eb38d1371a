package io.storefront.catalog;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

public record VariantRecord(long id, @Nullable String title, @Nullable String sku, @Nullable BigDecimal price) {}
