package dev.storefront.simulator.admin;

/** What the {@code shop} query answers. */
public record ShopProfile(long id, String name, String email, String myshopifyDomain, String currencyCode,
                          String ianaTimezone, String timezoneAbbreviation, String planDisplayName, boolean shopifyPlus) {
}
