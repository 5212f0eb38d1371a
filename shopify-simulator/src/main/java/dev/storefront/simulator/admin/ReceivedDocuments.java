package dev.storefront.simulator.admin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every distinct GraphQL document the simulator was sent, bulk queries included, with the version it was sent
 * for, so that a client's tests can check the documents it really sends against Shopify's published schema.
 * Bounded: a client generating documents without end stops being recorded after {@link #CAPACITY}.
 */
public final class ReceivedDocuments {

    private static final int CAPACITY = 10_000;

    /** @param version the contract it was sent to ({@code 2025-10} or {@code 2026-01}) */
    public record Received(String shop, String version, String document) {
    }

    private final Set<Received> documents = ConcurrentHashMap.newKeySet();

    void add(String shop, String version, String document) {
        if (documents.size() < CAPACITY) {
            documents.add(new Received(shop, version, document));
        }
    }

    /** What one shop's Admin API was sent. */
    public java.util.List<Received> of(String shop) {
        return documents.stream().filter(received -> received.shop().equals(shop)).toList();
    }
}
