package dev.storefront.simulator.store;

import java.util.Map;

/** Conversion from the shop's currency to the buyer's presentment currency, at fixed simulated rates. */
record PresentmentRate(String currencyCode, double rate) {

    /** Units of a currency per US dollar; a currency not listed is taken at par. */
    private static final Map<String, Double> PER_USD = Map.ofEntries(Map.entry("USD", 1.0), Map.entry("EUR", 0.92),
            Map.entry("GBP", 0.79), Map.entry("CAD", 1.36), Map.entry("AUD", 1.52), Map.entry("INR", 83.2),
            Map.entry("JPY", 151.0), Map.entry("KRW", 1350.0), Map.entry("KWD", 0.307), Map.entry("BHD", 0.376));

    static final String[] BUYER_CURRENCIES = {"EUR", "GBP", "CAD", "AUD"};

    static PresentmentRate between(String shopCurrency, String buyerCurrency) {
        if (shopCurrency.equals(buyerCurrency)) {
            return new PresentmentRate(shopCurrency, 1.0);
        }
        double shopPerUsd = PER_USD.getOrDefault(shopCurrency, 1.0);
        // the rate is per minor unit: a yen (no decimals) buys more euro cents than a fils (3 decimals)
        double minorUnits = Math.pow(10, Currencies.fractionDigits(buyerCurrency) - Currencies.fractionDigits(shopCurrency));
        return new PresentmentRate(buyerCurrency, PER_USD.getOrDefault(buyerCurrency, 1.0) / shopPerUsd * minorUnits);
    }

    /** Minor units of the shop's currency to minor units of the buyer's. */
    long convert(long shopCents) {
        return rate == 1.0 ? shopCents : Math.round(shopCents * rate);
    }
}
