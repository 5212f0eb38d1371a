package dev.storefront.simulator.admin;

import dev.storefront.simulator.store.InvalidCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A Relay connection's answer: nodes with their cursors and the page info. */
record Connection(List<?> nodes, List<String> cursors, boolean hasNextPage, boolean hasPreviousPage) {

    record Edge(String cursor, Object node) {
    }

    static Connection ofList(List<?> all, Integer first, Integer last) {
        return ofList(all, first, last, null, null);
    }

    /** Pages a small in-memory list (an order's lines, a product's variants); cursors hold the position. */
    static Connection ofList(List<?> all, Integer first, Integer last, String after, String before) {
        int from = after == null ? 0 : Math.min(all.size(), position(after) + 1);
        int to = before == null ? all.size() : Math.max(from, Math.min(all.size(), position(before)));
        if (first != null) {
            to = Math.min(to, from + first);
        } else if (last != null) {
            from = Math.max(from, to - last);
        }
        List<?> nodes = all.subList(from, to);
        List<String> cursors = new ArrayList<>();
        for (int i = from; i < to; i++) {
            cursors.add(Base64.getEncoder().encodeToString(("{\"last_id\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        return new Connection(nodes, cursors, to < all.size(), from > 0);
    }

    private static int position(String cursor) {
        try {
            String json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Integer.parseInt(json.replaceAll("\\D", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor(cursor);
        }
    }
}
