package dev.storefront.simulator.oauth;

/**
 * An app that shops can install: a shop's own app, or a public app registered through the control API.
 * Token lifetimes are per app so a test can make tokens expire in seconds.
 *
 * @param ownerShop the shop whose own app this is (it may use client credentials there), or null for a public app
 */
public record App(String clientId, String clientSecret, String ownerShop, long accessTokenTtlSeconds,
                  long refreshTokenTtlSeconds, long clientCredentialsTtlSeconds) {
}
