package dev.storefront.simulator.store;

import java.util.Currency;
import java.util.List;
import java.util.Set;

/** The currencies a Shopify shop may have, and how many decimals each one's amounts carry. */
public final class Currencies {

    /** Shopify's CurrencyCode enum of Admin API 2025-10 without its deprecated values (BYR, STD, VEF). */
    public static final Set<String> SHOPIFY = Set.copyOf(List.of((
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF "
            + "CHF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL "
            + "HRK HTG HUF IDR ILS INR IQD IRR ISK JEP JMD JOD JPY KES KGS KHR KID KMF KRW KWD KYD KZT LAK LBP LKR LRD LSL "
            + "LTL LVL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK "
            + "PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SOS SRD SSP STN SYP SZL THB TJS TMT TND "
            + "TOP TRY TTD TWD TZS UAH UGX USD USDC UYU UZS VED VES VND VUV WST XAF XCD XOF XPF XXX YER ZAR ZMW").split(" ")));

    private Currencies() {
    }

    /**
     * Decimals of an amount: ISO 4217's minor unit as the JDK knows it (0 for JPY and KRW, 3 for KWD and BHD),
     * 2 for the codes ISO does not define (USDC, KID, JEP...) or defines without one (XXX).
     */
    public static int fractionDigits(String code) {
        return switch (code) {
            case "USD", "EUR", "GBP", "CAD", "AUD" -> 2;
            default -> {
                try {
                    int digits = Currency.getInstance(code).getDefaultFractionDigits();
                    yield digits < 0 ? 2 : digits;
                } catch (IllegalArgumentException unknownToIso) {
                    yield 2;
                }
            }
        };
    }
}
