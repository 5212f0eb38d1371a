package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import dev.storefront.simulator.Activity;
import dev.storefront.simulator.Faults;
import dev.storefront.simulator.ShopSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each refund counts once in net revenue and in a cancelled order's returns, whichever way it arrives: inside an
 * order payload, by {@code refunds/create}, by sync; in any order and with duplicates. The expected figures are
 * computed here from the raw payloads (or the shop's own Admin API), never from the service's tables.
 */
class RefundsOnceTests extends WebhookIntegrationTest {

    private record Delivery(String topic, ObjectNode body) {}

    @Test
    void each_refund_counts_once_whatever_the_order_and_the_duplicates_of_its_deliveries() {
        List<Delivery> deliveries = scenario();
        for (List<Delivery> arrival : List.of(deliveries, reversed(deliveries))) {
            Store store = connectStore();
            for (Delivery delivery : arrival) {
                deliver(store, delivery.topic(), RealPayloadTests.bytes(delivery.body()));
                awaitApplied(store);
            }

            Figures expected = Figures.of(deliveries);
            JsonNode dashboard = api().get("/api/insights/dashboard?startDate=2025-06-01&endDate=2025-06-30&basis=shopify",
                    store.owner(), store.tenantId()).json();
            assertThat(dashboard.path("totalRevenue").asString()).isEqualTo(expected.revenue());
            assertThat(dashboard.path("refunds").asString()).isEqualTo(expected.refunds());
            assertThat(dashboard.path("netRevenue").asString()).isEqualTo(expected.netRevenue());
            assertThat(dashboard.path("shopifySales").path("returns").asString()).isEqualTo(expected.returns());
            assertThat(orderRefunded(store, 7001)).isEqualTo("15.00");
            assertThat(orderRefunded(store, 7002)).isEqualTo("20.00");
            assertThat(orderRefunded(store, 7004)).isEqualTo("12.00");
            assertThat(orderRefunded(store, 7005)).isEqualTo("7.00");
        }
    }

    @Test
    void refunds_that_arrive_by_sync_and_by_webhook_with_duplicates_count_once() {
        Store store = connectStore(ShopSpec.of(newDomain()).withCounts(5, 3, 40, 0));
        awaitSubscribed(store);
        SIMULATOR.faults(store.domain(), new Faults(true, null, null, 0, 0, 0.5, true, 0, null));

        SIMULATOR.activity(store.domain(), new Activity(0, 0, 0, 0, 6, 4, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> SIMULATOR.deliveries(store.domain()).pending() == 0);
        awaitApplied(store);
        incrementalSync(store);
        SIMULATOR.activity(store.domain(), new Activity(0, 0, 0, 0, 4, 2, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> SIMULATOR.deliveries(store.domain()).pending() == 0);
        awaitApplied(store);

        Figures expected = Figures.fromAdminApi(store);
        String range = "startDate=" + expected.from() + "&endDate=" + expected.to();
        JsonNode dashboard = api().get("/api/insights/dashboard?basis=shopify&" + range, store.owner(), store.tenantId())
                .json();
        assertThat(dashboard.path("refunds").asString()).isEqualTo(expected.refunds());
        assertThat(dashboard.path("netRevenue").asString()).isEqualTo(expected.netRevenue());
        assertThat(dashboard.path("shopifySales").path("returns").asString()).isEqualTo(expected.returns());
    }

    /**
     * Order 7001 (100.00, kept) with refunds of 10.00 (its refund topic twice) and 5.00 (only inside the order's
     * update); order 7002 (50.00, cancelled) whose 20.00 refund arrives by topic before the order, and again at the
     * end; order 7003 (30.00, cancelled without a refund); order 7004 (40.00, cancelled) refunded 12.00 by topic
     * alone, after its last payload; order 7005 (70.00) refunded 7.00 by topic, then an edit made before the refund
     * delivered late. Refund bodies follow Shopify's refunds/create sample.
     */
    private static List<Delivery> scenario() {
        ObjectNode r1 = refund(9101, 7001, "2025-06-06T10:00:00-04:00", "10.00");
        ObjectNode r2 = refund(9102, 7001, "2025-06-07T10:00:00-04:00", "5.00");
        ObjectNode r3 = refund(9103, 7002, "2025-06-12T11:00:00-04:00", "20.00");
        List<Delivery> deliveries = new ArrayList<>();
        deliveries.add(new Delivery("refunds/create", r1));
        deliveries.add(new Delivery("refunds/create", r3));
        deliveries.add(new Delivery("orders/create", order(7001, "100.00", "2025-06-05T09:00:00-04:00",
                "2025-06-05T09:00:05-04:00", null)));
        deliveries.add(new Delivery("refunds/create", r1.deepCopy()));
        deliveries.add(new Delivery("orders/updated", order(7001, "100.00", "2025-06-05T09:00:00-04:00",
                "2025-06-07T10:00:05-04:00", null, r1, r2)));
        deliveries.add(new Delivery("orders/create", order(7002, "50.00", "2025-06-10T12:00:00-04:00",
                "2025-06-10T12:00:05-04:00", null)));
        deliveries.add(new Delivery("orders/cancelled", order(7002, "50.00", "2025-06-10T12:00:00-04:00",
                "2025-06-12T11:00:05-04:00", "2025-06-12T11:00:00-04:00", r3)));
        deliveries.add(new Delivery("orders/cancelled", order(7003, "30.00", "2025-06-15T12:00:00-04:00",
                "2025-06-16T12:00:05-04:00", "2025-06-16T12:00:00-04:00")));
        deliveries.add(new Delivery("refunds/create", r3.deepCopy()));
        deliveries.add(new Delivery("orders/create", order(7005, "70.00", "2025-06-18T09:00:00-04:00",
                "2025-06-18T09:00:05-04:00", null)));
        deliveries.add(new Delivery("refunds/create", refund(9105, 7005, "2025-06-19T10:00:00-04:00", "7.00")));
        deliveries.add(new Delivery("orders/updated", order(7005, "70.00", "2025-06-18T09:00:00-04:00",
                "2025-06-18T15:00:00-04:00", null)));
        deliveries.add(new Delivery("orders/cancelled", order(7004, "40.00", "2025-06-20T09:00:00-04:00",
                "2025-06-20T12:00:05-04:00", "2025-06-20T12:00:00-04:00")));
        deliveries.add(new Delivery("refunds/create", refund(9104, 7004, "2025-06-21T10:00:00-04:00", "12.00")));
        return deliveries;
    }

    private static ObjectNode order(long id, String total, String processedAt, String updatedAt,
            @Nullable String cancelledAt, ObjectNode... refunds) {
        ObjectNode order = RealPayloadTests.json(fixture("orders-create"));
        order.put("id", id);
        order.put("created_at", processedAt);
        order.put("processed_at", processedAt);
        order.put("updated_at", updatedAt);
        order.put("total_price", total);
        order.remove("total_price_set");
        order.put("subtotal_price", total);
        order.remove("subtotal_price_set");
        if (cancelledAt == null) {
            order.putNull("cancelled_at");
        } else {
            order.put("cancelled_at", cancelledAt);
        }
        ((ObjectNode) order.path("line_items").get(0)).put("id", id * 10);
        ArrayNode list = order.putArray("refunds");
        for (ObjectNode refund : refunds) {
            list.add(refund.deepCopy());
        }
        return order;
    }

    private static ObjectNode refund(long id, long orderId, String createdAt, String amount) {
        ObjectNode refund = RealPayloadTests.json(("""
                {"id":%d,"order_id":%d,"created_at":"%s","note":"damaged","user_id":null,"processed_at":"%s",
                 "restock":false,"refund_line_items":[],"order_adjustments":[],
                 "transactions":[{"id":%d,"order_id":%d,"kind":"refund","gateway":"bogus","status":"success",
                                  "amount":"%s","currency":"USD","parent_id":null}]}""")
                .formatted(id, orderId, createdAt, createdAt, id + 1, orderId, amount).getBytes());
        return refund;
    }

    private static List<Delivery> reversed(List<Delivery> deliveries) {
        List<Delivery> copy = new ArrayList<>(deliveries);
        Collections.reverse(copy);
        return copy;
    }

    private String orderRefunded(Store store, long id) {
        return api().get("/api/shopify/orders/" + id, store.owner(), store.tenantId()).json().path("order")
                .path("totalRefunded").asString();
    }

    private void incrementalSync(Store store) {
        Api.Response started = api().post("/api/shopify/sync", store.owner(), store.tenantId(), Map.of("mode", "incremental"));
        assertThat(started.status()).isEqualTo(202);
        String run = started.json().path("syncRunId").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> api()
                .get("/api/shopify/sync/" + run, store.owner(), store.tenantId()).json().path("status").asString()
                .equals("SUCCEEDED"));
    }

    /** Figures as docs/insights.md defines them, computed from orders (newest version of each) and refunds (each id once). */
    private record Figures(String revenue, String refunds, String netRevenue, String returns, LocalDate from, LocalDate to) {

        private record Order(BigDecimal total, Instant processedAt, @Nullable Instant cancelledAt, boolean test) {}

        private record Refund(long orderId, Instant createdAt, BigDecimal amount) {}

        static Figures of(List<Delivery> deliveries) {
            Map<Long, ObjectNode> newest = new HashMap<>();
            Map<Long, Refund> refunds = new HashMap<>();
            for (Delivery delivery : deliveries) {
                if (delivery.topic().equals("refunds/create")) {
                    refunds.put(delivery.body().path("id").asLong(), restRefund(delivery.body()));
                    continue;
                }
                ObjectNode order = delivery.body();
                newest.merge(order.path("id").asLong(), order, (a, b) -> Instant.parse(
                        offset(b.path("updated_at").asString())).isAfter(Instant.parse(offset(a.path("updated_at")
                        .asString()))) ? b : a);
                order.path("refunds").forEach(r -> refunds.put(r.path("id").asLong(), restRefund(r)));
            }
            Map<Long, Order> orders = new HashMap<>();
            newest.forEach((id, o) -> orders.put(id, new Order(new BigDecimal(o.path("total_price").asString()),
                    Instant.parse(offset(o.path("processed_at").asString())),
                    o.path("cancelled_at").isNull() ? null : Instant.parse(offset(o.path("cancelled_at").asString())),
                    o.path("test").asBoolean())));
            // the scenario's dates lie mid-month, far from the range's edges in any zone
            return compute(orders, refunds, ZoneId.of("UTC"), LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30));
        }

        /** The shop's orders and refunds as its Admin GraphQL API answers, in the shop's zone. */
        static Figures fromAdminApi(Store store) {
            Map<Long, Order> orders = new HashMap<>();
            Map<Long, Refund> refunds = new HashMap<>();
            String after = null;
            do {
                JsonNode page = adminGraphql(store, """
                        query($after: String) { orders(first: 100, after: $after) {
                          pageInfo { hasNextPage endCursor }
                          edges { node { id processedAt cancelledAt test totalPriceSet { shopMoney { amount } }
                                         refunds { id createdAt totalRefundedSet { shopMoney { amount } } } } } } }""",
                        after == null ? Map.of() : Map.of("after", after)).path("orders");
                for (JsonNode edge : page.path("edges")) {
                    JsonNode o = edge.path("node");
                    long id = gid(o.path("id").asString());
                    orders.put(id, new Order(new BigDecimal(o.path("totalPriceSet").path("shopMoney").path("amount").asString()),
                            Instant.parse(o.path("processedAt").asString()),
                            o.path("cancelledAt").isNull() ? null : Instant.parse(o.path("cancelledAt").asString()),
                            o.path("test").asBoolean()));
                    o.path("refunds").forEach(r -> refunds.put(gid(r.path("id").asString()), new Refund(id,
                            Instant.parse(r.path("createdAt").asString()),
                            new BigDecimal(r.path("totalRefundedSet").path("shopMoney").path("amount").asString()))));
                }
                after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asString() : null;
            } while (after != null);
            ZoneId zone = ZoneId.of(adminGraphql(store, "{ shop { ianaTimezone } }", Map.of()).path("shop")
                    .path("ianaTimezone").asString());
            LocalDate from = orders.values().stream().map(o -> o.processedAt().atZone(zone).toLocalDate())
                    .min(LocalDate::compareTo).orElseThrow();
            LocalDate to = LocalDate.now(zone);
            return compute(orders, refunds, zone, from, to);
        }

        private static Figures compute(Map<Long, Order> orders, Map<Long, Refund> refunds, ZoneId zone, LocalDate from,
                LocalDate to) {
            BigDecimal revenue = BigDecimal.ZERO;
            BigDecimal refunded = BigDecimal.ZERO;
            BigDecimal cancelledReturns = BigDecimal.ZERO;
            for (Order order : orders.values()) {
                if (!order.test() && order.cancelledAt() == null && within(order.processedAt(), zone, from, to)) {
                    revenue = revenue.add(order.total());
                }
            }
            Map<Long, BigDecimal> refundedPerOrder = new HashMap<>();
            for (Refund refund : refunds.values()) {
                Order order = orders.get(refund.orderId());
                if (order == null || order.test()) {
                    continue;
                }
                refundedPerOrder.merge(refund.orderId(), refund.amount(), BigDecimal::add);
                if (within(refund.createdAt(), zone, from, to)) {
                    refunded = refunded.add(refund.amount());
                }
            }
            for (var entry : orders.entrySet()) {
                Order order = entry.getValue();
                if (!order.test() && order.cancelledAt() != null && within(order.cancelledAt(), zone, from, to)) {
                    cancelledReturns = cancelledReturns.add(order.total()
                            .subtract(refundedPerOrder.getOrDefault(entry.getKey(), BigDecimal.ZERO)));
                }
            }
            return new Figures(money(revenue), money(refunded), money(revenue.subtract(refunded)),
                    money(refunded.add(cancelledReturns)), from, to);
        }

        private static boolean within(Instant instant, ZoneId zone, LocalDate from, LocalDate to) {
            LocalDate day = instant.atZone(zone).toLocalDate();
            return !day.isBefore(from) && !day.isAfter(to);
        }

        private static Refund restRefund(JsonNode refund) {
            BigDecimal amount = BigDecimal.ZERO;
            for (JsonNode transaction : refund.path("transactions")) {
                amount = amount.add(new BigDecimal(transaction.path("amount").asString()));
            }
            return new Refund(refund.path("order_id").asLong(), Instant.parse(offset(refund.path("created_at").asString())),
                    amount);
        }

        private static String offset(String time) {
            return java.time.OffsetDateTime.parse(time).toInstant().toString();
        }

        private static long gid(String gid) {
            return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
        }

        private static String money(BigDecimal amount) {
            return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
        }
    }
}
