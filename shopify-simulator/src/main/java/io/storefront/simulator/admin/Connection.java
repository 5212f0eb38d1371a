package io.storefront.simulator.admin;

import java.util.List;

/** A Relay connection's answer: nodes with their cursors and the page info. */
record Connection(List<?> nodes, List<String> cursors, boolean hasNextPage, boolean hasPreviousPage) {

    record Edge(String cursor, Object node) {
    }

    static Connection ofList(List<?> all, Integer first, Integer last) {
        int from = 0;
        int to = all.size();
        if (first != null) {
            to = Math.min(to, first);
        } else if (last != null) {
            from = Math.max(0, to - last);
        }
        List<?> nodes = all.subList(from, to);
        List<String> cursors = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            cursors.add(java.util.Base64.getEncoder().encodeToString(("{\"last_id\":" + i + "}").getBytes()));
        }
        return new Connection(nodes, cursors, to < all.size(), from > 0);
    }
}
