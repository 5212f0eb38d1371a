package io.storefront.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * Amounts leave the service as decimal strings with exactly the decimals of the store's currency (ISO 4217's minor
 * unit: "1500" yen, "19.99" dollars, "12.345" dinars); they are never floating point. A code ISO does not define a
 * minor unit for (USDC, XXX) keeps two decimals.
 */
record Money(int decimals) {

    static Money of(@Nullable String currency) {
        if (currency == null) {
            return new Money(2);
        }
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return new Money(digits < 0 ? 2 : digits);
        } catch (IllegalArgumentException notIso) {
            return new Money(2);
        }
    }

    String format(BigDecimal amount) {
        return amount.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    String zero() {
        return format(BigDecimal.ZERO);
    }

    String average(BigDecimal total, long count) {
        if (count == 0) {
            return zero();
        }
        return total.divide(BigDecimal.valueOf(count), decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** A share as a fraction with four decimals ("0.2500"), 0 when there is nothing to share. */
    static String ratio(long part, long whole) {
        if (whole == 0) {
            return "0.0000";
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).toPlainString();
    }
}
