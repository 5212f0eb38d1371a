package dev.storefront.simulator.store;

/**
 * The Relay arguments of one connection field, already validated.
 *
 * @param first  page size when paging forward, or null
 * @param last   page size when paging backward, or null
 * @param after  cursor, or null
 * @param before cursor, or null
 */
public record PageRequest(Integer first, Integer last, String after, String before, boolean reverse,
                          SortKey sortKey, SearchQuery query, long minCreatedAt) {
}
