package dev.storefront.simulator.store;

/**
 * One page of a connection: record indices in connection order, each with its cursor.
 */
public record Page(int[] indices, String[] cursors, boolean hasNextPage, boolean hasPreviousPage) {
}
