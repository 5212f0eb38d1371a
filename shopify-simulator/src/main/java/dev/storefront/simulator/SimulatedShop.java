package dev.storefront.simulator;

import dev.storefront.simulator.admin.AdminContext;
import dev.storefront.simulator.admin.BulkOperation;
import dev.storefront.simulator.admin.BulkOperations;
import dev.storefront.simulator.admin.ShopProfile;
import dev.storefront.simulator.admin.ThrottleBucket;
import dev.storefront.simulator.bulk.BulkFiles;
import dev.storefront.simulator.bulk.ShopBulkOperations;
import dev.storefront.simulator.oauth.AccessToken;
import dev.storefront.simulator.oauth.App;
import dev.storefront.simulator.store.Store;
import dev.storefront.simulator.store.StoreChange;
import dev.storefront.simulator.store.StoreSpec;
import dev.storefront.simulator.webhooks.WebhookPayloads;
import dev.storefront.simulator.webhooks.WebhookSender;
import dev.storefront.simulator.webhooks.WebhookSubscription;
import dev.storefront.simulator.webhooks.WebhookSubscriptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import tools.jackson.databind.json.JsonMapper;

/** One shop of the simulator: its store and everything around it (bucket, faults, webhooks, bulk, its app). */
final class SimulatedShop {

    final ShopSpec spec;
    final Store store;
    final App app;
    final ShopProfile profile;
    final ThrottleBucket bucket;
    final WebhookSubscriptions subscriptions = new WebhookSubscriptions();
    final WebhookSender.Channel deliveries = new WebhookSender.Channel();
    final ShopBulkOperations bulk;
    private final WebhookPayloads payloads;
    private final WebhookSender sender;
    private final JsonMapper json;
    private final Clock clock;
    private final String apiVersion;
    volatile Faults faults = Faults.NONE;

    SimulatedShop(ShopSpec spec, App app, Clock clock, WebhookSender sender, BulkFiles files, Executor executor, JsonMapper json,
                  String apiVersion) {
        this.spec = spec;
        this.app = app;
        this.clock = clock;
        this.sender = sender;
        this.json = json;
        this.apiVersion = apiVersion;
        Instant asOf = spec.asOf() != null ? spec.asOf() : clock.instant();
        this.store = Store.generate(new StoreSpec(spec.domain(), spec.seed(), asOf.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                spec.customers(), spec.products(), spec.orders(), spec.checkouts(), ZoneId.of(spec.timezone()), spec.currency()));
        this.payloads = new WebhookPayloads(store);
        String name = spec.domain().substring(0, spec.domain().indexOf('.'));
        ZoneId zone = ZoneId.of(spec.timezone());
        this.profile = new ShopProfile(shopId(), Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('-', ' '),
                "owner@" + name + ".example.com", spec.domain(), spec.currency(), spec.timezone(),
                zone.getDisplayName(TextStyle.SHORT, Locale.US), planDisplayName(), spec.plan().equals("plus"));
        this.bucket = new ThrottleBucket(planBucket(), planRestoreRate());
        deliveries.onAbandoned(subscriptions::delete);
        this.bulk = new ShopBulkOperations(store, files, executor, () -> clock.instant().getEpochSecond(), this::bulkFinished);
    }

    long shopId() {
        return 60_000_000L + Math.floorMod(spec.domain().hashCode(), 30_000_000);
    }

    private String planDisplayName() {
        switch (spec.plan()) {
            case "advanced":
                return "Advanced";
            case "plus":
                return "Shopify Plus";
            default:
                return "Shopify";
        }
    }

    /** About 20 seconds of restore, as observed on the 2024+ API (Standard 2000/100, Plus 20000/1000). */
    double planBucket() {
        return planRestoreRate() * 20;
    }

    double planRestoreRate() {
        switch (spec.plan()) {
            case "advanced":
                return 200;
            case "plus":
                return 1000;
            default:
                return 100;
        }
    }

    void applyFaults(Faults newFaults) {
        faults = newFaults;
        bucket.resize(newFaults.bucketSize() != null ? newFaults.bucketSize() : planBucket(),
                newFaults.restoreRate() != null ? newFaults.restoreRate() : planRestoreRate());
        deliveries.configure(newFaults.duplicateRate(), newFaults.reorder(),
                newFaults.retryBaseMs() != null ? newFaults.retryBaseMs() : 56_000);
    }

    /** @param httpLoopbackWebhooks whether subscriptions may take a plain-http address on this machine */
    AdminContext context(AccessToken token, boolean httpLoopbackWebhooks) {
        return new AdminContext() {
            @Override
            public boolean httpLoopbackWebhooks() {
                return httpLoopbackWebhooks;
            }

            @Override
            public boolean customerDataApproved() {
                return spec.customerDataApproved();
            }

            @Override
            public Store store() {
                return store;
            }

            @Override
            public ShopProfile profile() {
                return profile;
            }

            @Override
            public boolean readAllOrders() {
                return token.has("read_all_orders");
            }

            @Override
            public long nowSecond() {
                return clock.instant().getEpochSecond();
            }

            @Override
            public boolean hasScope(String scope) {
                return token.has(scope);
            }

            @Override
            public BulkOperations bulkOperations() {
                return bulk;
            }

            @Override
            public WebhookSubscriptions webhookSubscriptions() {
                return subscriptions;
            }

            @Override
            public String appSecret() {
                return token.app().clientSecret();
            }
        };
    }

    /** Fires the webhooks of changes, each payload serialised once however many subscribers it has. */
    void publish(List<StoreChange> changes) {
        for (StoreChange change : changes) {
            List<WebhookSubscription> targets = subscriptions.forTopic(change.topic());
            if (!targets.isEmpty()) {
                sender.send(deliveries, change.topic(), spec.domain(), apiVersion, body(payloads.payload(change)), targets);
            }
        }
    }

    void publish(String topic, Object payload) {
        List<WebhookSubscription> targets = subscriptions.forTopic(topic);
        if (!targets.isEmpty()) {
            sender.send(deliveries, topic, spec.domain(), apiVersion, body(payload), targets);
        }
    }

    private static final Set<String> PROTECTED_KEYS = Set.of("email", "contact_email", "phone",
            "first_name", "last_name", "address1", "address2");

    /** Without approval for protected customer data, webhooks carry no names, emails, phones or addresses either. */
    private byte[] body(Object payload) {
        return json.writeValueAsBytes(spec.customerDataApproved() ? payload : redacted(payload));
    }

    private static Object redacted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            boolean address = map.containsKey("address1");
            map.forEach((key, inner) -> copy.put(key, PROTECTED_KEYS.contains(key) || (address && "name".equals(key)) ? null : redacted(inner)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SimulatedShop::redacted).toList();
        }
        return value;
    }

    /** A delivery to an address from the app's configuration rather than a subscription (compliance topics). */
    void publishTo(String topic, Object payload, String address) {
        WebhookSubscription configured = new WebhookSubscription(0, topic, address, "JSON", clock.instant().getEpochSecond(), app.clientSecret());
        sender.send(deliveries, topic, spec.domain(), apiVersion, json.writeValueAsBytes(payload), List.of(configured));
    }

    private void bulkFinished(BulkOperation operation) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("admin_graphql_api_id", operation.gid());
        body.put("completed_at", operation.completedAt() == null ? null : payloads.time(operation.completedAt()));
        body.put("created_at", payloads.time(operation.createdAt()));
        body.put("error_code", operation.errorCode() == null ? null : operation.errorCode().toLowerCase(Locale.ROOT));
        body.put("status", operation.status().toLowerCase(Locale.ROOT));
        body.put("type", "query");
        publish("bulk_operations/finish", body);
    }

    /** The app/uninstalled body: the shop resource. */
    Map<String, Object> shopPayload() {
        Map<String, Object> shop = new java.util.LinkedHashMap<>();
        shop.put("id", shopId());
        shop.put("name", profile.name());
        shop.put("email", profile.email());
        shop.put("domain", spec.domain());
        shop.put("myshopify_domain", spec.domain());
        shop.put("iana_timezone", spec.timezone());
        shop.put("currency", spec.currency());
        shop.put("plan_name", spec.plan().equals("plus") ? "shopify_plus" : spec.plan().equals("advanced") ? "advanced" : "basic");
        shop.put("created_at", payloads.time(store.customers.size() > 0 ? store.customers.createdAt(0) : clock.instant().getEpochSecond()));
        shop.put("updated_at", payloads.time(clock.instant().getEpochSecond()));
        return shop;
    }
}
