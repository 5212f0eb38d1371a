package io.storefront.shopify;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Shopify Admin GraphQL API at one pinned version. Paces itself from the cost bucket Shopify reports, and
 * retries THROTTLED, 429, 5xx, timeouts and dropped connections with exponential back-off and jitter. Credentials
 * that no longer work raise {@link ShopifyAccessRevoked}; errors in the query itself {@link ShopifyQueryFailed}.
 */
@Component
public class AdminApi {

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    /** Before Shopify told us a query's cost: a typical page of 250 nodes with a few fields. */
    private static final double UNKNOWN_COST = 100;
    private static final double MAX_QUERY_COST = 1000;

    private final ShopifySettings settings;
    private final JsonMapper json;
    private final HttpClient http;
    private final CostBudget budget;
    private final Retry retry;
    private final Map<String, Double> requestedCosts = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Timer throttleWaits;
    private final io.micrometer.core.instrument.Counter costSpent;

    AdminApi(ShopifySettings settings, JsonMapper json, MeterRegistry meters, ObjectProvider<Clock> clock) {
        this.settings = settings;
        this.json = json;
        this.meters = meters;
        this.budget = new CostBudget(clock.getIfAvailable(Clock::systemUTC));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.throttleWaits = Timer.builder("shopify.throttle.waits")
                .description("time spent waiting for the cost bucket before sending a query").register(meters);
        this.costSpent = io.micrometer.core.instrument.Counter.builder("shopify.query.cost")
                .description("cost points Shopify charged (actualQueryCost), to compare sync time with the bucket's minimum")
                .register(meters);
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                settings.initialBackoff().toMillis(), 2.0, 0.5, settings.maxBackoff().toMillis());
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long exponential = backoff.apply(attempt);
            if (outcome.isLeft() && outcome.getLeft() instanceof TransientFailure failure && failure.waitHint() != null) {
                long hinted = failure.waitHint().toMillis();
                return hinted + ThreadLocalRandom.current().nextLong(50, 250);
            }
            return exponential;
        };
        this.retry = Retry.of("shopify-admin", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(e -> e instanceof TransientFailure)
                .build());
        retry.getEventPublisher().onRetry(event -> {
            meters.counter("shopify.retries").increment();
            log.info("Retrying a Shopify request (attempt {}): {}", event.getNumberOfRetryAttempts(),
                    event.getLastThrowable() == null ? "" : event.getLastThrowable().getMessage());
        });
    }

    /**
     * Runs a query or mutation and returns its {@code data}.
     *
     * @throws ShopifyAccessRevoked when the credentials no longer work
     * @throws ShopifyQueryFailed when Shopify rejects the query itself
     * @throws ShopifyUnavailable when transient failures outlast the retries
     */
    public JsonNode query(ShopifySession session, String query, Map<String, ?> variables) {
        String body = json.writeValueAsString(Map.of("query", query, "variables", variables));
        try {
            return retry.executeSupplier(() -> send(session, query, body));
        } catch (TransientFailure e) {
            throw new ShopifyUnavailable("Shopify did not answer " + session.shopDomain() + " after "
                    + settings.maxAttempts() + " attempts: " + e.getMessage(), e);
        }
    }

    public JsonNode query(ShopifySession session, String query) {
        return query(session, query, Map.of());
    }

    /** The shop's name, currency and time zone. */
    public Shop shop(ShopifySession session) {
        JsonNode shop = query(session, "{ shop { name email myshopifyDomain currencyCode ianaTimezone plan { publicDisplayName } } }").path("shop");
        return new Shop(shop.path("name").asString(), shop.path("myshopifyDomain").asString(session.shopDomain()),
                shop.path("currencyCode").asString(), shop.path("ianaTimezone").asString("UTC"),
                shop.path("plan").path("publicDisplayName").asString(null));
    }

    /** The shop's cost bucket as Shopify last reported it. */
    public ThrottleStatus throttleStatus(ShopifySession session) {
        return budget.status(session.shopDomain());
    }

    /** A GET of a pre-signed URL (bulk operation results): no credentials, streamed. */
    HttpResponse<java.io.InputStream> download(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.requestTimeout()).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    ShopifySettings settings() {
        return settings;
    }

    private JsonNode send(ShopifySession session, String query, String body) {
        String token = session.accessToken();
        try {
            return send(session, token, query, body);
        } catch (ShopifyAccessRevoked e) {
            if (e.status() != 401) {
                throw e;
            }
            // an expiring token may have lapsed or been rotated elsewhere: one renewal, then the store is lost
            String renewed = session.tokens().renewAfterRejection(token).orElseThrow(() -> e);
            return send(session, renewed, query, body);
        }
    }

    private JsonNode send(ShopifySession session, String token, String query, String body) {
        String shop = session.shopDomain();
        double expectedCost = requestedCosts.getOrDefault(query, UNKNOWN_COST);
        Duration wait = budget.reserve(shop, expectedCost);
        if (!wait.isZero()) {
            throttleWaits.record(wait);
            sleep(wait);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.graphqlUrl(shop)))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-Shopify-Access-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            meters.counter("shopify.requests", "outcome", "io-error").increment();
            throw new TransientFailure("connection to " + shop + " failed: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyUnavailable("interrupted while calling " + shop, e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 402 || status == 403 || status == 404 || status == 423) {
            meters.counter("shopify.requests", "outcome", "access-revoked").increment();
            throw new ShopifyAccessRevoked(shop, status);
        }
        if (status == 429 || status >= 500) {
            meters.counter("shopify.requests", "outcome", "http-" + status).increment();
            throw new TransientFailure("HTTP " + status + " from " + shop, retryAfter(response), null);
        }
        if (status != 200) {
            throw new ShopifyQueryFailed("HTTP " + status + " from " + shop + ": " + abbreviate(response.body()));
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JacksonException e) {
            // a body cut off by a dropped connection
            throw new TransientFailure("unreadable answer from " + shop, null, e);
        }
        JsonNode cost = answer.path("extensions").path("cost");
        if (cost.isObject()) {
            JsonNode throttle = cost.path("throttleStatus");
            if (throttle.isObject()) {
                budget.observe(shop, new ThrottleStatus(throttle.path("maximumAvailable").asDouble(),
                        throttle.path("currentlyAvailable").asDouble(), throttle.path("restoreRate").asDouble()));
            }
            if (cost.path("actualQueryCost").isNumber()) {
                costSpent.increment(cost.path("actualQueryCost").asDouble());
            }
            if (cost.path("requestedQueryCost").isNumber()) {
                requestedCosts.put(query, cost.path("requestedQueryCost").asDouble());
            }
        }
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            for (JsonNode error : errors) {
                String code = error.path("extensions").path("code").asString("");
                if ("MAX_COST_EXCEEDED".equals(code)) {
                    double requested = error.path("extensions").path("cost").asDouble(cost.path("requestedQueryCost").asDouble(0));
                    throw new ShopifyQueryTooCostly(shop, requested, error.path("extensions").path("maxCost").asDouble(MAX_QUERY_COST));
                }
                if ("THROTTLED".equals(code)) {
                    meters.counter("shopify.requests", "outcome", "throttled").increment();
                    double requested = cost.path("requestedQueryCost").asDouble(expectedCost);
                    double bucket = budget.status(shop).maximumAvailable();
                    if (requested > bucket) {
                        // this bucket can never hold the query: waiting would not help
                        throw new ShopifyQueryTooCostly(shop, requested, bucket);
                    }
                    throw new TransientFailure("THROTTLED by " + shop, budget.refillTime(shop, requested), null);
                }
            }
            if (answer.path("data").isNull() || answer.path("data").isMissingNode()) {
                meters.counter("shopify.requests", "outcome", "query-error").increment();
                throw new ShopifyQueryFailed("Shopify rejected a query for " + shop + ": " + abbreviate(errors.toString()));
            }
            log.warn("Partial answer from {}: {}", shop, abbreviate(errors.toString()));
        }
        meters.counter("shopify.requests", "outcome", "ok").increment();
        return answer.path("data");
    }

    private static @Nullable Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyUnavailable("interrupted while waiting for the cost bucket", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
