package io.storefront.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts leave the service as decimal strings with exactly two decimals; they are never floating point. */
final class Money {

    private Money() {}

    static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A share as a fraction with four decimals ("0.2500"), 0 when there is nothing to share. */
    static String ratio(long part, long whole) {
        if (whole == 0) {
            return "0.0000";
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).toPlainString();
    }

    static String average(BigDecimal total, long count) {
        if (count == 0) {
            return "0.00";
        }
        return total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP).toPlainString();
    }
}
