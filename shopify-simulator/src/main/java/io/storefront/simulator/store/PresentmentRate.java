package io.storefront.simulator.store;

import java.util.Map;

/** Conversion from the shop's currency to the buyer's presentment currency, at fixed simulated rates. */
record PresentmentRate(String currencyCode, double rate) {

    private static final Map<String, Double> PER_USD = Map.of(
            "USD", 1.0, "EUR", 0.92, "GBP", 0.79, "CAD", 1.36, "AUD", 1.52);

    static final String[] BUYER_CURRENCIES = {"EUR", "GBP", "CAD", "AUD"};

    static PresentmentRate between(String shopCurrency, String buyerCurrency) {
        if (shopCurrency.equals(buyerCurrency)) {
            return new PresentmentRate(shopCurrency, 1.0);
        }
        double shopPerUsd = PER_USD.getOrDefault(shopCurrency, 1.0);
        return new PresentmentRate(buyerCurrency, PER_USD.getOrDefault(buyerCurrency, 1.0) / shopPerUsd);
    }

    long convert(long shopCents) {
        return rate == 1.0 ? shopCents : Math.round(shopCents * rate);
    }
}
