package dev.storefront.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.storefront.simulator.admin.AdminApi;
import dev.storefront.simulator.admin.ReceivedDocuments;
import dev.storefront.simulator.bulk.BulkFiles;
import dev.storefront.simulator.oauth.AccessToken;
import dev.storefront.simulator.oauth.App;
import dev.storefront.simulator.oauth.Apps;
import dev.storefront.simulator.oauth.OAuthServer;
import dev.storefront.simulator.oauth.Tokens;
import dev.storefront.simulator.store.StoreChange;
import dev.storefront.simulator.store.StoreSummary;
import dev.storefront.simulator.webhooks.DeliveryStats;
import dev.storefront.simulator.webhooks.HeaderNames;
import dev.storefront.simulator.webhooks.Topics;
import dev.storefront.simulator.webhooks.WebhookSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Shopify that runs in-process or standalone: many shops, each addressed by path
 * ({@code http://host:port/acme.myshopify.com/admin/api/2025-10/graphql.json}), with the Admin GraphQL API,
 * bulk operations, webhooks, OAuth and a control API under {@code /_sim/}.
 *
 * <pre>{@code
 * try (ShopifySimulator sim = ShopifySimulator.start(0)) {
 *     ShopCredentials shop = sim.createShop(ShopSpec.of("acme.myshopify.com").withCounts(100, 20, 1000, 50));
 *     String adminUrl = sim.baseUrl() + "/" + shop.domain() + "/admin/api/2025-10/graphql.json";
 *     sim.activity(shop.domain(), Activity.newOrders(10));   // fires orders/create webhooks
 * }
 * }</pre>
 */
public final class ShopifySimulator implements AutoCloseable {

    /** The Admin API version webhooks are sent with. A request path's version picks its contract ({@link ShopifyAdminSchema#servedVersion}). */
    public static final String API_VERSION = "2025-10";

    static {
        // The JDK server writes headers and body in separate packets; without TCP_NODELAY every keep-alive
        // request waits out the peer's delayed ACK (~40 ms), capping a connection at about 25 requests/s.
        // Read once per JVM by the JDK's ServerConfig, so it must be set before any HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final String baseUrl;
    final JsonMapper json = JsonMapper.builder().disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();
    final Map<String, SimulatedShop> shops = new ConcurrentHashMap<>();
    final Apps apps = new Apps();
    final Tokens tokens;
    final OAuthServer oauth;
    final AdminApi adminApi = new AdminApi();
    final BulkFiles bulkFiles;
    private final WebhookSender sender;
    private volatile boolean httpLoopbackWebhooks;

    private ShopifySimulator(InetSocketAddress address, Clock clock) throws IOException {
        this.clock = clock;
        this.executor = newExecutor();
        this.server = HttpServer.create(address, 1024);
        this.baseUrl = "http://" + (address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress())
                + ":" + server.getAddress().getPort();
        this.tokens = new Tokens(clock);
        this.oauth = new OAuthServer(apps, tokens, shops::containsKey);
        this.bulkFiles = new BulkFiles(baseUrl);
        this.sender = new WebhookSender();
        server.createContext("/", new SimulatorHttp(this));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts on 127.0.0.1 at a port (0 picks a free one). */
    public static ShopifySimulator start(int port) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Clock.systemUTC());
    }

    /** Starts on an address with a clock of the caller's (activity timestamps, token expiry, the 60-day order window). */
    public static ShopifySimulator start(InetSocketAddress address, Clock clock) {
        try {
            return new ShopifySimulator(address, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Platform threads, grown on demand: requests held by a latency fault or a slow bulk download must not
     * starve others. Virtual threads were tried; with two carrier threads on a busy build machine, blocking
     * calls inside JDK HTTP code stalled every request for seconds.
     */
    private static ExecutorService newExecutor() {
        java.util.concurrent.atomic.AtomicLong threads = new java.util.concurrent.atomic.AtomicLong();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "shopify-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Lets webhook subscriptions take plain {@code http://} addresses on loopback (127.x, localhost, [::1]), for
     * tests and the demo that receive webhooks on this machine. Off by default: like Shopify, only https is taken.
     *
     * @return this simulator
     */
    public ShopifySimulator allowHttpLoopbackWebhooks(boolean allow) {
        httpLoopbackWebhooks = allow;
        return this;
    }

    boolean httpLoopbackWebhooks() {
        return httpLoopbackWebhooks;
    }

    /** {@code http://127.0.0.1:PORT}; a shop's Admin API base is {@code baseUrl() + "/" + domain}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The GraphQL endpoint of a shop for an API version. */
    public String adminGraphqlUrl(String domain, String version) {
        return baseUrl + "/" + domain + "/admin/api/" + version + "/graphql.json";
    }

    /** Generates a shop (deterministic for a seed and asOf) and returns how to reach it. */
    public ShopCredentials createShop(ShopSpec spec) {
        if (shops.containsKey(spec.domain())) {
            throw new BadRequest(409, "shop " + spec.domain() + " already exists");
        }
        App app = new App(tokens.secret(16), tokens.secret(16), spec.domain(), spec.accessTokenTtlSeconds(),
                spec.refreshTokenTtlSeconds(), spec.clientCredentialsTtlSeconds());
        apps.register(app);
        SimulatedShop shop = new SimulatedShop(spec, app, clock, sender, bulkFiles, executor, json, API_VERSION);
        if (shops.putIfAbsent(spec.domain(), shop) != null) {
            throw new BadRequest(409, "shop " + spec.domain() + " already exists");
        }
        AccessToken token = tokens.issue(spec.domain(), app, spec.scopes(), 0);
        return new ShopCredentials(spec.domain(), token.token(), app.clientSecret(), app.clientId(), app.clientSecret());
    }

    /** Registers a public app any simulated shop can install through OAuth. */
    public void registerApp(String clientId, String clientSecret, long accessTokenTtlSeconds, long refreshTokenTtlSeconds) {
        apps.register(new App(clientId, clientSecret, null, accessTokenTtlSeconds, refreshTokenTtlSeconds, 86_399));
    }

    /** Makes changes now and fires their webhooks; returns the topics fired, in order. */
    public List<String> activity(String domain, Activity activity) {
        return activity(domain, activity, clock.instant());
    }

    /**
     * Makes changes dated {@code at} and fires their webhooks. A shop's changes are a function of its seed and of
     * the sequence of calls, so the same calls at the same instants make the same records.
     */
    public List<String> activity(String domain, Activity activity, Instant at) {
        SimulatedShop shop = shop(domain);
        List<StoreChange> changes = apply(shop, activity, at);
        shop.publish(changes);
        List<String> topics = new ArrayList<>(changes.size());
        for (StoreChange change : changes) {
            topics.add(change.topic());
        }
        return topics;
    }

    /**
     * Makes the same changes as {@link #activity(String, Activity, Instant)} without firing webhooks: rebuilds a
     * shop's past after a restart, when its webhooks were delivered long ago.
     */
    public void replay(String domain, Activity activity, Instant at) {
        apply(shop(domain), activity, at);
    }

    private static List<StoreChange> apply(SimulatedShop shop, Activity activity, Instant at) {
        return shop.store.apply(activity.orders(), activity.customerUpdates(), activity.productUpdates(),
                activity.checkouts(), activity.refunds(), activity.cancellations(), activity.deletions(), at.getEpochSecond());
    }

    public void faults(String domain, Faults faults) {
        shop(domain).applyFaults(faults);
    }

    /** Which spelling of Shopify's headers the shop's webhook deliveries use (default {@link HeaderNames#X_SHOPIFY}). */
    public void webhookHeaders(String domain, HeaderNames names) {
        shop(domain).deliveries.headerNames(names);
    }

    /**
     * The merchant rotates the custom app's Admin API access token (Shopify admin, the app's API credentials): every
     * token of the shop stops working at once, and the new one is returned with the shop's other credentials.
     */
    public ShopCredentials rotateAccessToken(String domain) {
        SimulatedShop shop = shop(domain);
        tokens.revokeShop(domain);
        AccessToken token = tokens.issue(domain, shop.app, shop.spec.scopes(), 0);
        return new ShopCredentials(domain, token.token(), shop.app.clientSecret(), shop.app.clientId(),
                shop.app.clientSecret());
    }

    /** Uninstalls the shop's apps: tokens stop working, app/uninstalled is delivered, subscriptions go away. */
    public void uninstall(String domain) {
        SimulatedShop shop = shop(domain);
        tokens.revokeShop(domain);
        shop.publish("app/uninstalled", shop.shopPayload());
        shop.subscriptions.clear();
    }

    /**
     * Sends a mandatory compliance webhook ({@code customers/data_request}, {@code customers/redact},
     * {@code shop/redact}) to the app's compliance URL. Shopify takes that URL from the app's configuration
     * ({@code shopify.app.toml}); no API subscribes to these topics, so the caller names it here.
     *
     * @param customerId a customer of the shop, or null for shop/redact (or to pick the first customer)
     * @param address    the app's compliance endpoint
     */
    public void compliance(String domain, String topic, Long customerId, String address) {
        SimulatedShop shop = shop(domain);
        if (!Topics.COMPLIANCE.contains(topic)) {
            throw new BadRequest("topic must be one of " + Topics.COMPLIANCE);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shop_id", shop.shopId());
        body.put("shop_domain", domain);
        if (!topic.equals("shop/redact")) {
            int index = customerId == null ? 0 : shop.store.customers.indexOf(customerId);
            if (index < 0 || shop.store.customers.size() == 0) {
                throw new BadRequest(404, "no customer " + customerId + " in " + domain);
            }
            dev.storefront.simulator.store.Customer customer = shop.store.customers.get(index);
            List<Long> orders = new ArrayList<>();
            for (int i = 0; i < shop.store.orders.size() && orders.size() < 50; i++) {
                if (!shop.store.orders.isDeleted(i) && shop.store.orders.get(i).customerIndex() == index) {
                    orders.add(shop.store.orders.id(i));
                }
            }
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("id", customer.id());
            who.put("email", customer.email());
            who.put("phone", customer.phone());
            if (topic.equals("customers/redact")) {
                body.put("customer", who);
                body.put("orders_to_redact", orders);
            } else {
                body.put("orders_requested", orders);
                body.put("customer", who);
                body.put("data_request", Map.of("id", 9999L + index));
            }
        }
        shop.publishTo(topic, body, address);
    }

    /**
     * Every distinct GraphQL document (and bulk query) a shop's Admin API was sent, with the version it was
     * served, so that a client's tests can check what it really sends against {@link ShopifyAdminSchema#published}.
     */
    public List<ReceivedDocuments.Received> documentsReceived(String domain) {
        return adminApi.received().of(shop(domain).spec.domain());
    }

    /** Exact totals of a shop; with ids, every live id of each resource. */
    public StoreSummary summary(String domain, boolean withIds) {
        return shop(domain).store.summary(withIds);
    }

    /** Access tokens issued for the shop so far (the admin token of its creation, grants, refreshes), expired ones included. */
    public long accessTokensIssued(String domain) {
        shop(domain);
        return tokens.issuedFor(domain);
    }

    public DeliveryStats deliveries(String domain) {
        return shop(domain).deliveries.stats();
    }

    SimulatedShop shop(String domain) {
        SimulatedShop shop = shops.get(domain);
        if (shop == null) {
            throw new BadRequest(404, "no shop " + domain);
        }
        return shop;
    }

    @Override
    public void close() {
        server.stop(0);
        sender.close();
        executor.shutdownNow();
        bulkFiles.close();
    }
}
