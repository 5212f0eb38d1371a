/**
 * A Shopify simulator: the Admin GraphQL API subset, bulk operations, webhooks, OAuth and a control API,
 * for many generated shops at once.
 *
 * <p>The public API is this package: {@link dev.storefront.simulator.ShopifySimulator} (start, create shops,
 * make activity, inject faults, stop) and its value types {@link dev.storefront.simulator.ShopSpec},
 * {@link dev.storefront.simulator.ShopCredentials}, {@link dev.storefront.simulator.Activity} and
 * {@link dev.storefront.simulator.Faults}. The sub-packages are the rooms behind it: {@code store} (seeded data in
 * compact columns), {@code admin} (GraphQL schema, cost, throttling), {@code bulk} (JSONL exports),
 * {@code webhooks} (payloads and delivery) and {@code oauth} (apps, codes, tokens).
 */
package dev.storefront.simulator;
