package io.storefront.ingest;

import io.storefront.catalog.CheckoutLineItem;
import io.storefront.catalog.CheckoutRecord;
import io.storefront.catalog.CustomerRecord;
import io.storefront.catalog.LineItemRecord;
import io.storefront.catalog.OrderRecord;
import io.storefront.catalog.ProductRecord;
import io.storefront.catalog.RefundRecord;
import io.storefront.catalog.VariantRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * GraphQL nodes (of paginated queries and of bulk JSONL lines alike) to catalog records. Nested connections
 * are read when present ({@code edges/node} or {@code nodes}); in bulk results they arrive as lines of their own.
 */
final class ShopifyRecords {

    private ShopifyRecords() {}

    /** {@code gid://shopify/Order/820982911946154508} → 820982911946154508, exactly (no double on the way). */
    static long id(String gid) {
        int end = gid.indexOf('?');
        String path = end < 0 ? gid : gid.substring(0, end);
        return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    }

    /** {@code gid://shopify/Order/1} → {@code Order}. */
    static String type(String gid) {
        String path = gid.startsWith("gid://shopify/") ? gid.substring("gid://shopify/".length()) : gid;
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    static CustomerRecord customer(JsonNode n) {
        JsonNode spent = n.path("amountSpent");
        return new CustomerRecord(id(n.path("id").asString()), text(n.path("defaultEmailAddress"), "emailAddress"),
                text(n, "firstName"), text(n, "lastName"), text(n.path("defaultPhoneNumber"), "phoneNumber"),
                text(n, "state"), tags(n.path("tags")), integer(n.path("numberOfOrders")),
                decimal(spent.path("amount")), text(spent, "currencyCode"), instant(n.path("createdAt")),
                required(instant(n.path("updatedAt")), "updatedAt"));
    }

    static ProductRecord product(JsonNode n) {
        List<VariantRecord> variants = new ArrayList<>();
        for (JsonNode variant : nodes(n.path("variants"))) {
            variants.add(variant(variant));
        }
        return new ProductRecord(id(n.path("id").asString()), n.path("title").asString(""), text(n, "handle"),
                text(n, "productType"), text(n, "vendor"), text(n, "status"), instant(n.path("createdAt")),
                required(instant(n.path("updatedAt")), "updatedAt"), variants);
    }

    static VariantRecord variant(JsonNode n) {
        JsonNode price = n.path("price");
        return new VariantRecord(id(n.path("id").asString()), text(n, "title"), text(n, "sku"),
                price.isObject() ? decimal(price.path("amount")) : decimal(price));
    }

    static OrderRecord order(JsonNode n) {
        List<LineItemRecord> items = new ArrayList<>();
        for (JsonNode item : nodes(n.path("lineItems"))) {
            items.add(lineItem(item));
        }
        List<RefundRecord> refunds = new ArrayList<>();
        for (JsonNode refund : nodes(n.path("refunds"))) {
            refunds.add(refund(refund));
        }
        JsonNode total = n.path("totalPriceSet");
        String currency = n.path("currencyCode").asString(total.path("shopMoney").path("currencyCode").asString("XXX"));
        Instant createdAt = required(instant(n.path("createdAt")), "createdAt");
        Instant processedAt = instant(n.path("processedAt"));
        return new OrderRecord(id(n.path("id").asString()), text(n, "name"), text(n, "email"),
                n.path("customer").isObject() ? id(n.path("customer").path("id").asString()) : null,
                createdAt, required(instant(n.path("updatedAt")), "updatedAt"),
                processedAt == null ? createdAt : processedAt, instant(n.path("cancelledAt")), n.path("test").asBoolean(false),
                text(n, "displayFinancialStatus"), currency, text(n, "presentmentCurrencyCode"),
                required(shopMoney(total), "totalPriceSet"), shopMoney(n.path("subtotalPriceSet")),
                shopMoney(n.path("totalDiscountsSet")), shopMoney(n.path("totalTaxSet")), shopMoney(n.path("totalRefundedSet")),
                decimal(total.path("presentmentMoney").path("amount")), items, refunds);
    }

    static LineItemRecord lineItem(JsonNode n) {
        BigDecimal price = shopMoney(n.path("originalUnitPriceSet"));
        return new LineItemRecord(id(n.path("id").asString()), reference(n.path("product")), reference(n.path("variant")),
                text(n, "title"), text(n, "sku"), n.path("quantity").asInt(0), price == null ? BigDecimal.ZERO : price,
                shopMoney(n.path("discountedUnitPriceSet")));
    }

    static RefundRecord refund(JsonNode n) {
        BigDecimal amount = shopMoney(n.path("totalRefundedSet"));
        Instant createdAt = instant(n.path("createdAt"));
        return new RefundRecord(id(n.path("id").asString()),
                createdAt != null ? createdAt : required(instant(n.path("updatedAt")), "createdAt"),
                amount == null ? BigDecimal.ZERO : amount);
    }

    static CheckoutRecord checkout(JsonNode n) {
        List<CheckoutLineItem> items = new ArrayList<>();
        for (JsonNode item : nodes(n.path("lineItems"))) {
            items.add(checkoutLineItem(item));
        }
        JsonNode customer = n.path("customer");
        JsonNode total = n.path("totalPriceSet");
        String recoveryUrl = text(n, "abandonedCheckoutUrl");
        String token = text(n, "token");
        return new CheckoutRecord(id(n.path("id").asString()), token != null ? token : tokenOf(recoveryUrl),
                text(customer.path("defaultEmailAddress"), "emailAddress"),
                customer.isObject() && customer.hasNonNull("id") ? id(customer.path("id").asString()) : null,
                required(instant(n.path("createdAt")), "createdAt"), required(instant(n.path("updatedAt")), "updatedAt"),
                instant(n.path("completedAt")), text(total.path("shopMoney"), "currencyCode"), shopMoney(total),
                recoveryUrl, items);
    }

    private static final Pattern RECOVERY_TOKEN = Pattern.compile("/checkouts/(?:[a-z]{2}/)?([^/?#]+)/recover");

    /**
     * GraphQL's AbandonedCheckout has no token, but its recovery URL carries it ({@code …/checkouts/{token}/recover},
     * as in Shopify's REST sample): with it a checkout a webhook delivered by token alone becomes the same record.
     */
    static @Nullable String tokenOf(@Nullable String recoveryUrl) {
        if (recoveryUrl == null) {
            return null;
        }
        Matcher matcher = RECOVERY_TOKEN.matcher(recoveryUrl);
        return matcher.find() ? matcher.group(1) : null;
    }

    static CheckoutLineItem checkoutLineItem(JsonNode n) {
        return new CheckoutLineItem(text(n, "title"), n.path("quantity").asInt(0), reference(n.path("variant")),
                shopMoney(n.path("originalUnitPriceSet")));
    }

    /** The nodes of a connection, whichever shape it was asked in; a plain list is taken as it is. */
    static List<JsonNode> nodes(JsonNode connection) {
        List<JsonNode> nodes = new ArrayList<>();
        if (connection.isArray()) {
            connection.forEach(nodes::add);
        } else if (connection.path("nodes").isArray()) {
            connection.path("nodes").forEach(nodes::add);
        } else if (connection.path("edges").isArray()) {
            connection.path("edges").forEach(edge -> nodes.add(edge.path("node")));
        }
        return nodes;
    }

    static @Nullable BigDecimal shopMoney(JsonNode set) {
        return decimal(set.path("shopMoney").path("amount"));
    }

    private static @Nullable Long reference(JsonNode object) {
        return object.isObject() && object.hasNonNull("id") ? id(object.path("id").asString()) : null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static @Nullable String tags(JsonNode tags) {
        if (tags.isArray()) {
            List<String> values = new ArrayList<>();
            tags.forEach(tag -> values.add(tag.asString()));
            return String.join(", ", values);
        }
        return tags.isNull() || tags.isMissingNode() ? null : tags.asString();
    }

    private static @Nullable Integer integer(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isNumber() ? value.asInt() : Integer.valueOf(value.asString());
    }

    /** Money arrives as a string without fixed scale ({@code "145.0"}); it is never parsed through a double. */
    static @Nullable BigDecimal decimal(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString());
    }

    private static @Nullable Instant instant(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : java.time.OffsetDateTime.parse(value.asString()).toInstant();
    }

    private static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("Shopify sent a record without " + field);
        }
        return value;
    }
}
