package io.storefront.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document is one a client can follow: every operation, called with its own examples, is accepted. */
class ApiDocsTests extends IntegrationTest {

    @Test
    void names_the_api_and_offers_the_bearer_scheme_and_the_tenant_header() {
        JsonNode docs = api().get("/v3/api-docs", null, null).json();
        assertThat(docs.get("info").get("title").asString()).isEqualTo("Storefront Insights API");
        assertThat(docs.get("info").get("description").asString()).contains("X-Tenant-Id").contains("Authorize");
        JsonNode bearer = docs.get("components").get("securitySchemes").get("bearer");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        JsonNode dashboard = docs.get("paths").get("/api/insights/dashboard").get("get");
        List<String> parameters = new ArrayList<>();
        dashboard.get("parameters").forEach(p -> parameters.add(p.get("in").asString() + ":" + p.get("name").asString()));
        assertThat(parameters).contains("header:X-Tenant-Id").doesNotContain("query:storeId");
    }

    @Test
    void every_documented_operation_can_be_called_as_documented() {
        Api.Session user = api().newUser();
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of("docs-" + UUID.randomUUID().toString().substring(0, 8)
                + ".myshopify.com").withCounts(10, 3, 20, 3));
        UUID store = api().connectStore(user, shop.domain(), shop.accessToken(), shop.apiSecret());
        JsonNode docs = api().get("/v3/api-docs", null, null).json();
        List<String> refused = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                String method = entry.getKey().toUpperCase(java.util.Locale.ROOT);
                JsonNode operation = entry.getValue();
                operations++;
                String url = path.getKey();
                StringBuilder query = new StringBuilder();
                boolean tenant = false;
                for (JsonNode parameter : iterable(operation.get("parameters"))) {
                    String name = parameter.get("name").asString();
                    JsonNode example = parameter.get("example");
                    String in = parameter.get("in").asString();
                    if ("header".equals(in) && "X-Tenant-Id".equals(name)) {
                        tenant = true;
                        continue;
                    }
                    if (example == null) {
                        assertThat(parameter.path("required").asBoolean(false))
                                .as("%s %s: required parameter %s has no example", method, url, name).isFalse();
                        continue;
                    }
                    String value = example.isString() ? example.asString() : example.toString();
                    if ("path".equals(in)) {
                        url = url.replace("{" + name + "}", value);
                    } else if ("query".equals(in)) {
                        query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                    }
                }
                String body = null;
                JsonNode content = operation.path("requestBody").path("content").path("application/json");
                if (!content.isMissingNode()) {
                    assertThat(content.get("example")).as("%s %s: request body example", method, url).isNotNull();
                    body = content.get("example").toString();
                    if (content.get("example").has("shopifyToken")) {
                        // connecting proves the token against the shop: the documented shape, with a real shop's values
                        ShopCredentials another = SIMULATOR.createShop(ShopSpec.of(
                                "docs-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com"));
                        body = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(java.util.Map.of(
                                "name", "Docs", "shopifyDomain", another.domain(),
                                "shopifyToken", another.accessToken(), "apiSecret", another.apiSecret()));
                    }
                }
                boolean secured = !operation.has("security") || !operation.get("security").isEmpty();
                Api.Response response = api().send(method, url + query, secured ? user.token() : null,
                        tenant ? store : null, body);
                if (response.status() == 400 || response.status() >= 500) {
                    refused.add(method + " " + url + query + " -> " + response.status() + " " + response.body());
                }
            }
        }
        assertThat(operations).isGreaterThan(10);
        assertThat(refused).as("operations refused when called as documented").isEmpty();
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null ? List.of() : node::iterator;
    }
}
