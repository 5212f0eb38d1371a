package io.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/** {@code amount} is the total refunded, in the shop's currency. */
public record RefundRecord(long id, Instant createdAt, BigDecimal amount) {}
