package io.storefront.shopify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Create, list and delete the app's webhook subscriptions of a shop. */
@Component
public class WebhookSubscriptions {

    private final AdminApi api;

    WebhookSubscriptions(AdminApi api) {
        this.api = api;
    }

    public List<WebhookSubscription> list(ShopifySession session) {
        var subscriptions = new ArrayList<WebhookSubscription>();
        String after = null;
        do {
            var variables = new java.util.HashMap<String, Object>();
            if (after != null) {
                variables.put("after", after);
            }
            JsonNode page = api.query(session, """
                    query subs($after: String) {
                      webhookSubscriptions(first: 100, after: $after) {
                        edges { node { id topic uri } }
                        pageInfo { hasNextPage endCursor }
                      }
                    }""", variables).path("webhookSubscriptions");
            for (JsonNode edge : page.path("edges")) {
                subscriptions.add(parse(edge.path("node")));
            }
            after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asString() : null;
        } while (after != null);
        return subscriptions;
    }

    /** @param topic either Shopify's webhook form ({@code orders/create}) or the GraphQL enum ({@code ORDERS_CREATE}) */
    public WebhookSubscription create(ShopifySession session, String topic, String uri) {
        JsonNode result = api.query(session, """
                mutation create($topic: WebhookSubscriptionTopic!, $uri: String!) {
                  webhookSubscriptionCreate(topic: $topic, webhookSubscription: {uri: $uri, format: JSON}) {
                    webhookSubscription { id topic uri }
                    userErrors { field message }
                  }
                }""", Map.of("topic", graphqlTopic(topic), "uri", uri)).path("webhookSubscriptionCreate");
        failOnUserErrors(result, "create the " + topic + " subscription");
        return parse(result.path("webhookSubscription"));
    }

    public void delete(ShopifySession session, String id) {
        JsonNode result = api.query(session, """
                mutation delete($id: ID!) {
                  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
                }""", Map.of("id", id)).path("webhookSubscriptionDelete");
        failOnUserErrors(result, "delete subscription " + id);
    }

    static String graphqlTopic(String topic) {
        return topic.contains("/") ? topic.replace('/', '_').toUpperCase(Locale.ROOT) : topic;
    }

    private static void failOnUserErrors(JsonNode result, String what) {
        JsonNode errors = result.path("userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new ShopifyQueryFailed("Shopify refused to " + what + ": " + errors);
        }
    }

    private static WebhookSubscription parse(JsonNode node) {
        return new WebhookSubscription(node.path("id").asString(), node.path("topic").asString(), node.path("uri").asString(""));
    }
}
