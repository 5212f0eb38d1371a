package dev.storefront.simulator;

import dev.storefront.simulator.store.Currencies;
import java.time.Instant;
import java.util.Set;

/**
 * What a simulated shop looks like. Every field but {@code domain} has a default; use the {@code with...}
 * methods to change one.
 *
 * @param domain    e.g. {@code acme.myshopify.com}
 * @param seed      the same seed and {@code asOf} give the same store, byte for byte
 * @param asOf      the end of the generated history; null means now
 * @param timezone  IANA zone of the shop; webhook timestamps carry its offset
 * @param currency  the shop's currency: any of Shopify's {@link Currencies#SHOPIFY}; amounts carry its decimals
 * @param plan      {@code standard}, {@code advanced} or {@code plus}: sets the cost bucket and restore rate
 * @param scopes    access scopes of the shop's token; null means every read scope including {@code read_all_orders}
 * @param accessTokenTtlSeconds        lifetime of expiring OAuth access tokens of the shop's app (Shopify: 3600)
 * @param refreshTokenTtlSeconds       lifetime of refresh tokens (Shopify: 90 days)
 * @param clientCredentialsTtlSeconds  lifetime of client-credentials tokens (Shopify: 86399)
 * @param customerDataApproved  whether the app may read protected customer data (true, the default, as for a custom
 *                              app or a development store); false is a public app without Shopify's approval:
 *                              customer names, emails and phones come back null, in webhooks too, and a bulk query
 *                              selecting them fails with ACCESS_DENIED
 */
public record ShopSpec(String domain, long seed, Instant asOf, int customers, int products, int orders, int checkouts,
                       String timezone, String currency, String plan, Set<String> scopes,
                       long accessTokenTtlSeconds, long refreshTokenTtlSeconds, long clientCredentialsTtlSeconds,
                       boolean customerDataApproved) {

    /** Every read scope the simulator knows. */
    public static final Set<String> ALL_READ_SCOPES = Set.of("read_orders", "read_all_orders", "read_customers",
            "read_products", "read_checkouts");

    public ShopSpec {
        if (domain == null || !domain.matches("[a-zA-Z0-9][a-zA-Z0-9\\-]*\\.myshopify\\.com")) {
            throw new IllegalArgumentException("domain must look like name.myshopify.com, was " + domain);
        }
        if (customers < 0 || products < 1 || orders < 0 || checkouts < 0) {
            throw new IllegalArgumentException("counts must not be negative and a shop needs at least one product");
        }
        if (orders > 16_000_000 || customers > 16_000_000 || checkouts > 16_000_000) {
            throw new IllegalArgumentException("at most 16,000,000 records of a kind per shop");
        }
        if (!Set.of("standard", "advanced", "plus").contains(plan)) {
            throw new IllegalArgumentException("plan must be standard, advanced or plus");
        }
        if (!Currencies.SHOPIFY.contains(currency)) {
            throw new IllegalArgumentException("currency must be one of Shopify's currency codes (ISO 4217, e.g. USD, INR, JPY, KWD)");
        }
        java.time.ZoneId.of(timezone);
        scopes = scopes == null ? ALL_READ_SCOPES : Set.copyOf(scopes);
    }

    /** A small, lively shop: 200 customers, 50 products, 1,000 orders, 100 abandoned checkouts. */
    public static ShopSpec of(String domain) {
        return new ShopSpec(domain, 42, null, 200, 50, 1000, 100, "America/New_York", "USD", "standard", null,
                3600, 90L * 86_400, 86_399, true);
    }

    public ShopSpec withSeed(long newSeed) {
        return new ShopSpec(domain, newSeed, asOf, customers, products, orders, checkouts, timezone, currency, plan, scopes,
                accessTokenTtlSeconds, refreshTokenTtlSeconds, clientCredentialsTtlSeconds, customerDataApproved);
    }

    public ShopSpec withAsOf(Instant newAsOf) {
        return new ShopSpec(domain, seed, newAsOf, customers, products, orders, checkouts, timezone, currency, plan, scopes,
                accessTokenTtlSeconds, refreshTokenTtlSeconds, clientCredentialsTtlSeconds, customerDataApproved);
    }

    public ShopSpec withCounts(int newCustomers, int newProducts, int newOrders, int newCheckouts) {
        return new ShopSpec(domain, seed, asOf, newCustomers, newProducts, newOrders, newCheckouts, timezone, currency, plan,
                scopes, accessTokenTtlSeconds, refreshTokenTtlSeconds, clientCredentialsTtlSeconds, customerDataApproved);
    }

    public ShopSpec withTimezone(String newTimezone) {
        return new ShopSpec(domain, seed, asOf, customers, products, orders, checkouts, newTimezone, currency, plan, scopes,
                accessTokenTtlSeconds, refreshTokenTtlSeconds, clientCredentialsTtlSeconds, customerDataApproved);
    }

    public ShopSpec withCurrency(String newCurrency) {
        return new ShopSpec(domain, seed, asOf, customers, products, orders, checkouts, timezone, newCurrency, plan, scopes,
                accessTokenTtlSeconds, refreshTokenTtlSeconds, clientCredentialsTtlSeconds, customerDataApproved);
    }

    public ShopSpec withPlan(String newPlan) {
        return new ShopSpec(domain, seed, asOf, customers, products, orders, checkouts, timezone, currency, newPlan, scopes,
                accessTokenTtlSeconds, refreshTokenTtlSeconds, clientCredentialsTtlSeconds, customerDataApproved);
    }

    public ShopSpec withScopes(Set<String> newScopes) {
        return new ShopSpec(domain, seed, asOf, customers, products, orders, checkouts, timezone, currency, plan, newScopes,
                accessTokenTtlSeconds, refreshTokenTtlSeconds, clientCredentialsTtlSeconds, customerDataApproved);
    }

    public ShopSpec withTokenLifetimes(long accessSeconds, long refreshSeconds, long clientCredentialsSeconds) {
        return new ShopSpec(domain, seed, asOf, customers, products, orders, checkouts, timezone, currency, plan, scopes,
                accessSeconds, refreshSeconds, clientCredentialsSeconds, customerDataApproved);
    }

    public ShopSpec withCustomerDataApproved(boolean approved) {
        return new ShopSpec(domain, seed, asOf, customers, products, orders, checkouts, timezone, currency, plan, scopes,
                accessTokenTtlSeconds, refreshTokenTtlSeconds, clientCredentialsTtlSeconds, approved);
    }
}
