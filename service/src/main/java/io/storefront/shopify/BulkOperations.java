package io.storefront.shopify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk query operations: start one, wait for it, and stream its JSONL result line by line (never the whole
 * file in memory). Shopify allows one bulk query per app and shop at a time.
 */
@Component
public class BulkOperations {

    private static final Logger log = LoggerFactory.getLogger(BulkOperations.class);
    private static final String FIELDS = "id status errorCode objectCount url partialDataUrl createdAt";
    /** Shopify's BulkOperationUserErrorCode when another bulk query of the app is running on the shop. */
    private static final String OPERATION_IN_PROGRESS = "OPERATION_IN_PROGRESS";
    private static final int DOWNLOAD_ATTEMPTS = 8;

    private final AdminApi api;
    private final JsonMapper json;

    BulkOperations(AdminApi api, JsonMapper json) {
        this.api = api;
        this.json = json;
    }

    /**
     * Starts a bulk query. An operation still running for the shop can only be a leftover of ours (one sync per
     * store at a time), so it is cancelled first. Objects are not grouped: the reader takes children wherever they
     * come after their parent, and grouping (the 2025-10 default) makes Shopify slower and more likely to time out.
     */
    public BulkOperation run(ShopifySession session, String query) {
        for (int attempt = 1; ; attempt++) {
            JsonNode result = api.query(session, """
                    mutation run($query: String!) {
                      bulkOperationRunQuery(query: $query, groupObjects: false) { bulkOperation { %s } userErrors { field message code } }
                    }""".formatted(FIELDS), Map.of("query", query)).path("bulkOperationRunQuery");
            JsonNode errors = result.path("userErrors");
            if (errors.isArray() && !errors.isEmpty()) {
                boolean inProgress = false;
                for (JsonNode error : errors) {
                    inProgress |= OPERATION_IN_PROGRESS.equals(error.path("code").asString(""));
                }
                if (attempt < 3 && inProgress) {
                    cancelRunning(session);
                    continue;
                }
                throw new ShopifyQueryFailed("Shopify refused the bulk query for " + session.shopDomain() + ": " + errors);
            }
            return parse(result.path("bulkOperation"));
        }
    }

    public BulkOperation status(ShopifySession session, String id) {
        return parse(api.query(session, "query op($id: ID!) { node(id: $id) { ... on BulkOperation { %s } } }"
                .formatted(FIELDS), Map.of("id", id)).path("node"));
    }

    /** Polls until the operation finished (completed, failed, cancelled or expired). */
    public BulkOperation await(ShopifySession session, String id, LongConsumer progress) {
        // small results are ready within a second: poll fast first, then settle at the configured interval
        Duration interval = Duration.ofMillis(Math.min(100, api.settings().bulkPollInterval().toMillis()));
        Instant deadline = Instant.now().plus(api.settings().bulkTimeout());
        while (true) {
            BulkOperation operation = status(session, id);
            progress.accept(operation.objectCount());
            if (operation.finished()) {
                return operation;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ShopifyUnavailable("bulk operation " + id + " of " + session.shopDomain() + " did not finish in "
                        + api.settings().bulkTimeout(), new IllegalStateException(operation.status()));
            }
            sleep(interval);
            interval = interval.multipliedBy(2);
            if (interval.compareTo(api.settings().bulkPollInterval()) > 0) {
                interval = api.settings().bulkPollInterval();
            }
        }
    }

    /**
     * Streams the JSONL at {@code url}, one parsed object per line, in file order. A dropped connection resumes
     * by skipping the lines already handed out (the file does not change), so no line is seen twice.
     *
     * @return the number of lines
     */
    public long forEachLine(String url, Consumer<JsonNode> line) {
        long delivered = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<InputStream> response = api.download(url);
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IOException("HTTP " + response.statusCode() + " for the bulk result");
                    }
                    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
                    long seen = 0;
                    String text;
                    while ((text = reader.readLine()) != null) {
                        if (text.isBlank()) {
                            continue;
                        }
                        if (++seen <= delivered) {
                            continue;
                        }
                        line.accept(json.readTree(text));
                        delivered = seen;
                    }
                    return delivered;
                }
            } catch (IOException | tools.jackson.core.JacksonException e) {
                if (attempt >= DOWNLOAD_ATTEMPTS) {
                    throw new ShopifyUnavailable("could not download a bulk result after " + attempt + " attempts", e);
                }
                log.info("Bulk result download broke after {} lines ({}); resuming", delivered, e.toString());
                sleep(Duration.ofMillis(200L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShopifyUnavailable("interrupted while downloading a bulk result", e);
            }
        }
    }

    private void cancelRunning(ShopifySession session) {
        for (BulkOperation operation : unfinished(session)) {
            log.warn("Cancelling bulk operation {} left running on {}", operation.id(), session.shopDomain());
            api.query(session, "mutation cancel($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { id status } userErrors { message } } }",
                    Map.of("id", operation.id()));
            await(session, operation.id(), count -> { });
        }
    }

    /**
     * The app's bulk queries still running on the shop. 2026-01 lists them with {@code bulkOperations}; 2025-10 has
     * no replacement yet for {@code currentBulkOperation}, deprecated in its favour, so that version asks it.
     */
    private List<BulkOperation> unfinished(ShopifySession session) {
        List<BulkOperation> operations = new ArrayList<>();
        if (api.settings().listsBulkOperations()) {
            JsonNode nodes = api.query(session, "{ bulkOperations(first: 10, query: \"operation_type:query\") { nodes { %s } } }"
                    .formatted(FIELDS)).path("bulkOperations").path("nodes");
            for (JsonNode node : nodes) {
                operations.add(parse(node));
            }
        } else {
            JsonNode current = api.query(session, "{ currentBulkOperation(type: QUERY) { %s } }".formatted(FIELDS))
                    .path("currentBulkOperation");
            if (current.isObject()) {
                operations.add(parse(current));
            }
        }
        operations.removeIf(BulkOperation::finished);
        return operations;
    }

    private static BulkOperation parse(JsonNode node) {
        if (!node.isObject()) {
            throw new ShopifyQueryFailed("Shopify answered without a bulk operation");
        }
        return new BulkOperation(node.path("id").asString(), node.path("status").asString(),
                text(node, "errorCode"), node.path("objectCount").asLong(0), text(node, "url"), text(node, "partialDataUrl"),
                text(node, "createdAt") == null ? null : java.time.OffsetDateTime.parse(text(node, "createdAt")).toInstant());
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyUnavailable("interrupted while waiting for a bulk operation", e);
        }
    }
}
