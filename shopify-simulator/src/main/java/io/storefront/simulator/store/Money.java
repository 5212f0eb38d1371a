package io.storefront.simulator.store;

import java.math.BigDecimal;

/** An amount in minor units (cents) of a currency; formats the way each Shopify API prints money. */
public record Money(long cents, String currencyCode) {

    /** GraphQL Decimal/Money: no fixed scale, at least one decimal ("145.0", "213.93", "0.0"). */
    public String graphqlAmount() {
        long magnitude = Math.abs(cents);
        long fraction = magnitude % 100;
        String whole = (cents < 0 ? "-" : "") + magnitude / 100;
        if (fraction == 0) {
            return whole + ".0";
        }
        if (fraction % 10 == 0) {
            return whole + "." + fraction / 10;
        }
        return whole + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** REST and webhook payloads: always two decimals ("42.00"). */
    public String restAmount() {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    public Money minus(Money other) {
        return new Money(cents - other.cents, currencyCode);
    }

    public Money times(long quantity) {
        return new Money(cents * quantity, currencyCode);
    }
}
