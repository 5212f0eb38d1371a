package dev.storefront.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The simulator's own JSON API under {@code /_sim/}: shops, activity, faults, apps, summaries. */
final class ControlApi {

    private static final Pattern SHOP_ACTION = Pattern.compile("^/_sim/shops/([^/]+)/(summary|activity|faults|uninstall|deliveries|compliance)$");
    private static final Set<String> SHOP_FIELDS = Set.of("domain", "seed", "asOf", "customers", "products", "orders", "checkouts",
            "timezone", "currency", "plan", "scopes", "accessTokenTtlSeconds", "refreshTokenTtlSeconds", "clientCredentialsTtlSeconds",
            "customerDataApproved");
    private static final Set<String> ACTIVITY_FIELDS = Set.of("orders", "customerUpdates", "productUpdates", "checkouts", "refunds",
            "cancellations", "deletions");
    private static final Set<String> FAULT_FIELDS = Set.of("throttle", "bucketSize", "restoreRate", "errorRate", "latencyMs",
            "duplicateRate", "reorder", "dropConnectionRate", "retryBaseMs");

    private final ShopifySimulator simulator;

    ControlApi(ShopifySimulator simulator) {
        this.simulator = simulator;
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals("/_sim/health")) {
            Exchanges.json(exchange, 200, Map.of("status", "ok", "shops", simulator.shops.size()), simulator.json);
            return;
        }
        if (path.equals("/_sim/shops") && method.equals("POST")) {
            ShopCredentials credentials = simulator.createShop(shopSpec(body(exchange, SHOP_FIELDS)));
            Exchanges.json(exchange, 201, credentials, simulator.json);
            return;
        }
        if (path.equals("/_sim/shops") && method.equals("GET")) {
            Exchanges.json(exchange, 200, Map.of("shops", List.copyOf(simulator.shops.keySet())), simulator.json);
            return;
        }
        if (path.equals("/_sim/apps") && method.equals("POST")) {
            JsonNode body = body(exchange, Set.of("clientId", "clientSecret", "accessTokenTtlSeconds", "refreshTokenTtlSeconds"));
            String clientId = text(body, "clientId", null);
            String clientSecret = text(body, "clientSecret", null);
            if (clientId == null || clientSecret == null) {
                throw new BadRequest("clientId and clientSecret are required");
            }
            simulator.registerApp(clientId, clientSecret, number(body, "accessTokenTtlSeconds", 3600), number(body, "refreshTokenTtlSeconds", 90L * 86_400));
            Exchanges.json(exchange, 201, Map.of("clientId", clientId), simulator.json);
            return;
        }
        Matcher action = SHOP_ACTION.matcher(path);
        if (!action.matches()) {
            throw new BadRequest(404, "unknown control endpoint " + method + " " + path);
        }
        String domain = action.group(1);
        simulator.shop(domain);
        switch (action.group(2) + " " + method) {
            case "summary GET":
                boolean ids = "true".equals(Exchanges.query(exchange).get("ids"));
                Exchanges.json(exchange, 200, simulator.summary(domain, ids), simulator.json);
                return;
            case "activity POST": {
                JsonNode body = body(exchange, ACTIVITY_FIELDS);
                Activity activity = new Activity(count(body, "orders"), count(body, "customerUpdates"), count(body, "productUpdates"),
                        count(body, "checkouts"), count(body, "refunds"), count(body, "cancellations"), count(body, "deletions"));
                List<String> topics = simulator.activity(domain, activity);
                Map<String, Long> counts = new LinkedHashMap<>();
                for (String topic : topics) {
                    counts.merge(topic, 1L, Long::sum);
                }
                Exchanges.json(exchange, 200, Map.of("events", counts), simulator.json);
                return;
            }
            case "faults PUT": {
                JsonNode body = body(exchange, FAULT_FIELDS);
                Faults faults = new Faults(bool(body, "throttle", true),
                        body.has("bucketSize") && !body.get("bucketSize").isNull() ? (int) number(body, "bucketSize", 0) : null,
                        body.has("restoreRate") && !body.get("restoreRate").isNull() ? decimal(body, "restoreRate", 0) : null,
                        decimal(body, "errorRate", 0), number(body, "latencyMs", 0), decimal(body, "duplicateRate", 0),
                        bool(body, "reorder", false), decimal(body, "dropConnectionRate", 0),
                        body.has("retryBaseMs") && !body.get("retryBaseMs").isNull() ? number(body, "retryBaseMs", 0) : null);
                simulator.faults(domain, faults);
                Exchanges.json(exchange, 200, faults, simulator.json);
                return;
            }
            case "faults GET":
                Exchanges.json(exchange, 200, simulator.shop(domain).faults, simulator.json);
                return;
            case "uninstall POST":
                simulator.uninstall(domain);
                Exchanges.json(exchange, 200, Map.of("uninstalled", domain), simulator.json);
                return;
            case "deliveries GET":
                Exchanges.json(exchange, 200, simulator.deliveries(domain), simulator.json);
                return;
            case "compliance POST": {
                JsonNode body = body(exchange, Set.of("topic", "customerId", "address"));
                String topic = text(body, "topic", null);
                if (topic == null) {
                    throw new BadRequest("topic is required: customers/data_request, customers/redact or shop/redact");
                }
                String address = text(body, "address", null);
                if (address == null) {
                    throw new BadRequest("address is required: the app's compliance URL");
                }
                Long customerId = body.has("customerId") && !body.get("customerId").isNull() ? number(body, "customerId", 0) : null;
                simulator.compliance(domain, topic, customerId, address);
                Exchanges.json(exchange, 202, Map.of("topic", topic), simulator.json);
                return;
            }
            default:
                throw new BadRequest(405, method + " is not allowed on " + path);
        }
    }

    private JsonNode body(HttpExchange exchange, Set<String> allowed) throws IOException {
        byte[] raw = Exchanges.body(exchange);
        JsonNode body = raw.length == 0 ? simulator.json.createObjectNode() : simulator.json.readTree(raw);
        if (body == null || !body.isObject()) {
            throw new BadRequest("the body must be a JSON object");
        }
        Set<String> unknown = new HashSet<>(body.propertyNames());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new BadRequest("unknown fields " + unknown + "; allowed: " + allowed);
        }
        return body;
    }

    private static ShopSpec shopSpec(JsonNode body) {
        String domain = text(body, "domain", null);
        if (domain == null) {
            throw new BadRequest("domain is required, e.g. acme.myshopify.com");
        }
        ShopSpec defaults = ShopSpec.of(domain);
        Instant asOf = null;
        String asOfText = text(body, "asOf", null);
        if (asOfText != null) {
            try {
                asOf = Instant.parse(asOfText);
            } catch (DateTimeParseException e) {
                throw new BadRequest("asOf must be an ISO-8601 instant such as 2025-12-01T00:00:00Z");
            }
        }
        Set<String> scopes = null;
        JsonNode scopeNode = body.get("scopes");
        if (scopeNode != null && !scopeNode.isNull()) {
            scopes = new HashSet<>();
            if (scopeNode.isArray()) {
                for (JsonNode scope : scopeNode) {
                    scopes.add(scope.asString());
                }
            } else if (scopeNode.isString()) {
                for (String scope : scopeNode.asString().split(",")) {
                    scopes.add(scope.trim());
                }
            } else {
                throw new BadRequest("scopes must be an array or a comma-separated string");
            }
        }
        return new ShopSpec(domain, number(body, "seed", defaults.seed()), asOf,
                (int) number(body, "customers", defaults.customers()), (int) number(body, "products", defaults.products()),
                (int) number(body, "orders", defaults.orders()), (int) number(body, "checkouts", defaults.checkouts()),
                text(body, "timezone", defaults.timezone()), text(body, "currency", defaults.currency()),
                text(body, "plan", defaults.plan()), scopes,
                number(body, "accessTokenTtlSeconds", defaults.accessTokenTtlSeconds()),
                number(body, "refreshTokenTtlSeconds", defaults.refreshTokenTtlSeconds()),
                number(body, "clientCredentialsTtlSeconds", defaults.clientCredentialsTtlSeconds()),
                bool(body, "customerDataApproved", defaults.customerDataApproved()));
    }

    private static int count(JsonNode body, String field) {
        long value = number(body, field, 0);
        if (value < 0 || value > 1_000_000) {
            throw new BadRequest(field + " must be between 0 and 1000000");
        }
        return (int) value;
    }

    private static long number(JsonNode body, String field, long fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadRequest(field + " must be an integer");
        }
        return node.asLong();
    }

    private static double decimal(JsonNode body, String field, double fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new BadRequest(field + " must be a number");
        }
        return node.asDouble();
    }

    private static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new BadRequest(field + " must be true or false");
        }
        return node.asBoolean();
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isString()) {
            throw new BadRequest(field + " must be a string");
        }
        return node.asString();
    }
}
