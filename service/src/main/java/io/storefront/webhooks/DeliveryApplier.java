package io.storefront.webhooks;

import io.storefront.catalog.CatalogWriter;
import io.storefront.catalog.CheckoutRecord;
import io.storefront.catalog.CustomerRecord;
import io.storefront.catalog.OrderRecord;
import io.storefront.catalog.ProductRecord;
import io.storefront.catalog.Resource;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Applies a claimed batch inside the worker's transaction. Each delivery (or group of upserts) runs in a nested
 * transaction (a savepoint), so one bad delivery is rolled back alone while the batch's other changes and every
 * status update commit together: a delivery is applied exactly when its row says APPLIED.
 *
 * <p>Consecutive upserts are grouped per store and resource into one catalog write (the catalog keeps the
 * newest {@code updated_at}, so their order does not matter); a delete or any other action first flushes the
 * upserts received before it, which keeps the inbox's order where it does matter.
 */
@Component
class DeliveryApplier {

    /** What became of each delivery of a batch. */
    record Results(List<WebhookDelivery> applied, Map<WebhookDelivery, Exception> failed) {
        Results() {
            this(new ArrayList<>(), new LinkedHashMap<>());
        }
    }

    private record Upsert(WebhookDelivery delivery, Resource resource, long id, Instant updatedAt, Object record,
            @Nullable CartEvent event) {}

    private record CartEvent(String kind, long checkoutId, Instant occurredAt, String payload) {}

    private final CatalogWriter catalog;
    private final Stores stores;
    private final StoreEvents events;
    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final SigningKeys keys;
    private final TransactionTemplate nested;
    private final Clock clock;

    DeliveryApplier(CatalogWriter catalog, Stores stores, StoreEvents events, Subscriptions subscriptions,
            Deliveries deliveries, SigningKeys keys, PlatformTransactionManager transactions, Clock clock) {
        this.catalog = catalog;
        this.stores = stores;
        this.events = events;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.keys = keys;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    Results apply(List<WebhookDelivery> batch) {
        Results results = new Results();
        List<Upsert> upserts = new ArrayList<>();
        for (WebhookDelivery delivery : batch) {
            try {
                if (!WebhookTopics.KNOWN.contains(delivery.topic())) {
                    throw new UnusableDelivery("the topic " + delivery.topic() + " is not one this service consumes");
                }
                JsonNode body = RestPayloads.read(delivery.body());
                Upsert upsert = upsert(delivery, body);
                if (upsert != null) {
                    upserts.add(upsert);
                } else {
                    flush(upserts, results);
                    inSavepoint(delivery, results, () -> act(delivery, body));
                }
            } catch (RuntimeException e) {
                results.failed().put(delivery, e);
            }
        }
        flush(upserts, results);
        return results;
    }

    private @Nullable Upsert upsert(WebhookDelivery d, JsonNode body) {
        String topic = d.topic();
        if (WebhookTopics.ORDER_UPSERTS.contains(topic)) {
            OrderRecord order = RestPayloads.order(body);
            return new Upsert(d, Resource.ORDERS, order.id(), order.updatedAt(), order, null);
        }
        if (WebhookTopics.CUSTOMER_UPSERTS.contains(topic)) {
            CustomerRecord customer = RestPayloads.customer(body);
            return new Upsert(d, Resource.CUSTOMERS, customer.id(), customer.updatedAt(), customer, null);
        }
        if (WebhookTopics.PRODUCT_UPSERTS.contains(topic)) {
            ProductRecord product = RestPayloads.product(body);
            return new Upsert(d, Resource.PRODUCTS, product.id(), product.updatedAt(), product, null);
        }
        if (WebhookTopics.CHECKOUT_UPSERTS.contains(topic)) {
            CheckoutRecord checkout = RestPayloads.checkout(body);
            return new Upsert(d, Resource.CHECKOUTS, checkout.id(), checkout.updatedAt(), checkout,
                    new CartEvent(topic, checkout.id(), checkout.updatedAt(), cartPayload(checkout)));
        }
        return null;
    }

    private void act(WebhookDelivery d, JsonNode body) {
        StoreId store = d.store();
        switch (d.topic()) {
            case "orders/delete" -> catalog.delete(store, Resource.ORDERS, RestPayloads.id(body));
            case "customers/delete" -> catalog.delete(store, Resource.CUSTOMERS, RestPayloads.id(body));
            case "products/delete" -> catalog.delete(store, Resource.PRODUCTS, RestPayloads.id(body));
            case "checkouts/delete" -> {
                long id = RestPayloads.id(body);
                catalog.delete(store, Resource.CHECKOUTS, id);
                events.record(store, d.topic(), "checkout", id, occurredAt(d), "{}");
            }
            case "refunds/create" -> catalog.addRefunds(store, RestPayloads.refundOrderId(body),
                    List.of(RestPayloads.refund(body)));
            case "app/uninstalled" -> {
                stores.disable(store, "app/uninstalled");
                subscriptions.forget(store);
                keys.forget(store.value());
            }
            case "customers/redact" -> {
                Long customerId = RestPayloads.nestedId(body, "customer");
                List<Long> orders = RestPayloads.ids(body.path("orders_to_redact"));
                if (customerId != null) {
                    catalog.eraseCustomer(store, customerId, orders);
                }
                events.record(store, d.topic(), "customer", customerId, occurredAt(d),
                        json(Map.of("ordersToRedact", orders)));
            }
            case "shop/redact" -> {
                catalog.eraseStore(store);
                events.eraseStore(store);
                deliveries.eraseBodies(store, d.id());
                events.record(store, d.topic(), "shop", RestPayloads.optionalId(body, "shop_id"), occurredAt(d), "{}");
            }
            case "customers/data_request" -> {
                var payload = new LinkedHashMap<String, Object>();
                payload.put("dataRequestId", RestPayloads.optionalId(body.path("data_request"), "id"));
                payload.put("ordersRequested", RestPayloads.ids(body.path("orders_requested")));
                events.record(store, d.topic(), "customer", RestPayloads.nestedId(body, "customer"), occurredAt(d),
                        json(payload));
            }
            default -> throw new IllegalStateException("no action for " + d.topic());
        }
    }

    private void flush(List<Upsert> upserts, Results results) {
        if (upserts.isEmpty()) {
            return;
        }
        Map<StoreId, Map<Resource, List<Upsert>>> groups = new LinkedHashMap<>();
        for (Upsert upsert : upserts) {
            groups.computeIfAbsent(upsert.delivery().store(), s -> new EnumMap<>(Resource.class))
                    .computeIfAbsent(upsert.resource(), r -> new ArrayList<>()).add(upsert);
        }
        upserts.clear();
        groups.forEach((store, byResource) -> byResource.forEach((resource, group) -> {
            try {
                nested.executeWithoutResult(status -> write(store, resource, group));
                group.forEach(u -> results.applied().add(u.delivery()));
            } catch (RuntimeException groupFailed) {
                // find the culprit: each one alone, so the others still apply
                for (Upsert upsert : group) {
                    inSavepoint(upsert.delivery(), results, () -> write(store, resource, List.of(upsert)));
                }
            }
        }));
    }

    /** One catalog write for the group, each record in its newest version only. */
    private void write(StoreId store, Resource resource, List<Upsert> group) {
        // in id order, so that two workers writing overlapping rows lock them in the same order (no deadlock)
        Map<Long, Upsert> newest = new TreeMap<>();
        for (Upsert upsert : group) {
            newest.merge(upsert.id(), upsert, (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
        }
        List<Object> records = newest.values().stream().map(Upsert::record).toList();
        switch (resource) {
            case ORDERS -> catalog.upsertOrders(store, cast(records, OrderRecord.class));
            case CUSTOMERS -> catalog.upsertCustomers(store, cast(records, CustomerRecord.class));
            case PRODUCTS -> catalog.upsertProducts(store, cast(records, ProductRecord.class));
            case CHECKOUTS -> catalog.upsertCheckouts(store, cast(records, CheckoutRecord.class));
        }
        for (Upsert upsert : group) {
            CartEvent event = upsert.event();
            if (event != null) {
                events.record(store, event.kind(), "checkout", event.checkoutId(), event.occurredAt(), event.payload());
            }
        }
    }

    private void inSavepoint(WebhookDelivery delivery, Results results, Runnable work) {
        try {
            nested.executeWithoutResult(status -> work.run());
            results.applied().add(delivery);
        } catch (RuntimeException e) {
            results.failed().put(delivery, e);
        }
    }

    private Instant occurredAt(WebhookDelivery d) {
        return d.triggeredAt() != null ? d.triggeredAt() : clock.instant();
    }

    private static String cartPayload(CheckoutRecord checkout) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("token", checkout.token());
        payload.put("totalPrice", checkout.totalPrice() == null ? null : checkout.totalPrice().toPlainString());
        payload.put("currency", checkout.currency());
        payload.put("completedAt", checkout.completedAt() == null ? null : checkout.completedAt().toString());
        payload.put("lineItems", checkout.lineItems().size());
        return json(payload);
    }

    private static String json(Object value) {
        return RestPayloads.JSON.writeValueAsString(value);
    }

    private static <T> List<T> cast(List<Object> records, Class<T> type) {
        return records.stream().map(type::cast).toList();
    }
}
