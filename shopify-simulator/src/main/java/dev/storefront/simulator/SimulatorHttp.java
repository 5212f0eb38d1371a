package dev.storefront.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.storefront.simulator.oauth.AccessToken;
import dev.storefront.simulator.oauth.OAuthError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Routes every request: the control API, each shop's Admin API and OAuth, bulk result files. */
final class SimulatorHttp implements HttpHandler {

    private static final Pattern ADMIN = Pattern.compile("^/([^/]+)/admin/api/([^/]+)/graphql\\.json$");
    private static final Pattern OAUTH = Pattern.compile("^/([^/]+)/admin/oauth/(authorize|access_token)$");
    private static final String UNAUTHORIZED = "[API] Invalid API key or access token (unrecognized login or wrong password)";

    private final ShopifySimulator simulator;
    private final ControlApi control;

    SimulatorHttp(ShopifySimulator simulator) {
        this.simulator = simulator;
        this.control = new ControlApi(simulator);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.startsWith("/_sim/bulk/")) {
                bulkFile(exchange, path.substring("/_sim/bulk/".length()));
                return;
            }
            if (path.startsWith("/_sim/")) {
                control.handle(exchange, path);
                return;
            }
            Matcher admin = ADMIN.matcher(path);
            if (admin.matches()) {
                admin(exchange, admin.group(1), admin.group(2));
                return;
            }
            Matcher oauth = OAUTH.matcher(path);
            if (oauth.matches()) {
                oauth(exchange, oauth.group(1), oauth.group(2));
                return;
            }
            Exchanges.json(exchange, 404, Map.of("errors", "Not Found"), simulator.json);
        } catch (BadRequest e) {
            Exchanges.json(exchange, e.status, Map.of("error", e.getMessage()), simulator.json);
        } catch (OAuthError e) {
            Exchanges.json(exchange, e.status(), Map.of("error", e.error(), "error_description", e.getMessage()), simulator.json);
        } catch (IllegalArgumentException | JacksonException e) {
            Exchanges.json(exchange, 400, Map.of("error", String.valueOf(e.getMessage())), simulator.json);
        } catch (RuntimeException e) {
            Exchanges.json(exchange, 500, Map.of("error", "internal error: " + e.getClass().getSimpleName()), simulator.json);
        } finally {
            exchange.close();
        }
    }

    private void admin(HttpExchange exchange, String domain, String version) throws IOException {
        SimulatedShop shop = simulator.shops.get(domain);
        if (shop == null) {
            Exchanges.json(exchange, 404, Map.of("errors", "Not Found"), simulator.json);
            return;
        }
        AccessToken token = simulator.tokens.find(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"));
        if (token == null || !token.shop().equals(domain)) {
            Exchanges.json(exchange, 401, Map.of("errors", UNAUTHORIZED), simulator.json);
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            Exchanges.json(exchange, 405, Map.of("errors", "Method Not Allowed"), simulator.json);
            return;
        }
        Faults faults = shop.faults;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (faults.dropConnectionRate() > 0 && random.nextDouble() < faults.dropConnectionRate()) {
            // closing before any response header makes the JDK server drop the connection, like a reset
            exchange.close();
            return;
        }
        if (faults.latencyMs() > 0) {
            try {
                Thread.sleep(faults.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (faults.errorRate() > 0 && random.nextDouble() < faults.errorRate()) {
            boolean badGateway = random.nextBoolean();
            Exchanges.send(exchange, badGateway ? 502 : 503, "text/html; charset=utf-8",
                    (badGateway ? "<html><body>502 Bad Gateway</body></html>" : "<html><body>503 Service Unavailable</body></html>")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] raw = Exchanges.body(exchange);
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String query;
        Map<String, Object> variables = null;
        String operationName = null;
        if (contentType.startsWith("application/graphql")) {
            query = new String(raw, StandardCharsets.UTF_8);
        } else {
            JsonNode body;
            try {
                body = simulator.json.readTree(raw);
            } catch (JacksonException e) {
                Exchanges.json(exchange, 400, Map.of("errors", "Bad Request: body is not JSON"), simulator.json);
                return;
            }
            if (body == null || !body.isObject() || body.get("query") == null || !body.get("query").isString()) {
                Exchanges.json(exchange, 400, Map.of("errors", "Bad Request: missing query"), simulator.json);
                return;
            }
            query = body.get("query").asString();
            if (body.get("variables") != null && body.get("variables").isObject()) {
                variables = simulator.json.convertValue(body.get("variables"), Map.class);
            }
            if (body.get("operationName") != null && body.get("operationName").isString()) {
                operationName = body.get("operationName").asString();
            }
        }
        Map<String, Object> answer = simulator.adminApi.execute(version, query, variables, operationName, shop.context(token, simulator.httpLoopbackWebhooks()), shop.bucket,
                faults.throttle());
        exchange.getResponseHeaders().set("X-Request-Id", java.util.UUID.randomUUID().toString());
        Exchanges.json(exchange, 200, answer, simulator.json);
    }

    private void oauth(HttpExchange exchange, String domain, String action) throws IOException {
        if (action.equals("authorize")) {
            String location = simulator.oauth.authorize(domain, Exchanges.query(exchange));
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new BadRequest(405, "use POST");
        }
        byte[] raw = Exchanges.body(exchange);
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        Map<String, String> params = new LinkedHashMap<>(Exchanges.query(exchange));
        if (contentType.startsWith("application/json")) {
            JsonNode body = simulator.json.readTree(raw);
            for (String name : body.propertyNames()) {
                params.put(name, body.get(name).asString());
            }
        } else {
            params.putAll(Exchanges.formDecode(new String(raw, StandardCharsets.UTF_8)));
        }
        if (!simulator.shops.containsKey(domain)) {
            throw new BadRequest(404, "no shop " + domain);
        }
        Exchanges.json(exchange, 200, simulator.oauth.accessToken(domain, params), simulator.json);
    }

    private void bulkFile(HttpExchange exchange, String name) throws IOException {
        Path file = simulator.bulkFiles.file(name);
        if (file == null) {
            Exchanges.json(exchange, 404, Map.of("error", "no such result"), simulator.json);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/jsonl");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }
}
