package dev.storefront.simulator.store;

import java.math.BigDecimal;

/**
 * An amount in minor units of a currency (cents, or yen for JPY, fils for KWD: see {@link Currencies#fractionDigits});
 * formats the way each Shopify API prints money.
 */
public record Money(long cents, String currencyCode) {

    /** GraphQL Decimal/Money: no fixed scale, at least one decimal ("145.0", "213.93", "0.0", "1500.0", "12.345"). */
    public String graphqlAmount() {
        int digits = Currencies.fractionDigits(currencyCode);
        if (digits != 2) {
            BigDecimal amount = BigDecimal.valueOf(cents, digits).stripTrailingZeros();
            return (amount.scale() < 1 ? amount.setScale(1) : amount).toPlainString();
        }
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

    /** REST and webhook payloads: the currency's decimals, always all of them ("42.00", "1500", "12.340"). */
    public String restAmount() {
        return BigDecimal.valueOf(cents, Currencies.fractionDigits(currencyCode)).toPlainString();
    }

    public Money minus(Money other) {
        return new Money(cents - other.cents, currencyCode);
    }

    public Money times(long quantity) {
        return new Money(cents * quantity, currencyCode);
    }
}
