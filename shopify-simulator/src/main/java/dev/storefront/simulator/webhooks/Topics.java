package dev.storefront.simulator.webhooks;

import java.util.Locale;
import java.util.Set;

/** Webhook topics in their two spellings: GraphQL enum ({@code ORDERS_CREATE}) and header ({@code orders/create}). */
public final class Topics {

    /** Topics Shopify delivers to the app's compliance endpoints whether or not the app subscribed. */
    public static final Set<String> COMPLIANCE = Set.of("customers/data_request", "customers/redact", "shop/redact");

    private static final Set<String> TWO_WORD_RESOURCES = Set.of("BULK_OPERATIONS");

    private Topics() {
    }

    public static String header(String graphqlTopic) {
        for (String resource : TWO_WORD_RESOURCES) {
            if (graphqlTopic.startsWith(resource + "_")) {
                return resource.toLowerCase(Locale.ROOT) + "/" + graphqlTopic.substring(resource.length() + 1).toLowerCase(Locale.ROOT);
            }
        }
        int split = graphqlTopic.indexOf('_');
        return graphqlTopic.substring(0, split).toLowerCase(Locale.ROOT) + "/" + graphqlTopic.substring(split + 1).toLowerCase(Locale.ROOT);
    }

    public static String graphql(String headerTopic) {
        return headerTopic.replace('/', '_').toUpperCase(Locale.ROOT);
    }
}
