package dev.storefront.simulator;

/**
 * How to reach a simulated shop.
 *
 * @param accessToken  a non-expiring Admin API token ({@code shpat_...}), as a legacy custom app has
 * @param apiSecret    the secret that signs the shop's webhooks (the shop's own app's client secret)
 * @param clientId     client id of the shop's own app (OAuth and client credentials)
 * @param clientSecret client secret of the shop's own app (same value as {@code apiSecret})
 */
public record ShopCredentials(String domain, String accessToken, String apiSecret, String clientId, String clientSecret) {
}
