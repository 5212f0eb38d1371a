package io.storefront.webhooks;

import io.storefront.catalog.CheckoutLineItem;
import io.storefront.catalog.CheckoutRecord;
import io.storefront.catalog.CustomerRecord;
import io.storefront.catalog.LineItemRecord;
import io.storefront.catalog.OrderRecord;
import io.storefront.catalog.ProductRecord;
import io.storefront.catalog.RefundRecord;
import io.storefront.catalog.VariantRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify's REST (webhook) shapes mapped to catalog records. Ids are JSON integers beyond 2^53 and money comes
 * as strings (refund line subtotals as numbers), so nothing is ever read through a double. Amounts are taken in
 * the shop's currency: the {@code *_set.shop_money} figure when present, else the plain field.
 */
final class RestPayloads {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private RestPayloads() {}

    static JsonNode read(byte[] body) {
        JsonNode tree = JSON.readTree(body);
        if (tree == null || !tree.isObject()) {
            throw new UnusableDelivery("the body is not a JSON object");
        }
        return tree;
    }

    static OrderRecord order(JsonNode o) {
        List<LineItemRecord> items = new ArrayList<>();
        for (JsonNode item : o.path("line_items")) {
            items.add(lineItem(item));
        }
        List<RefundRecord> refunds = new ArrayList<>();
        for (JsonNode refund : o.path("refunds")) {
            refunds.add(refund(refund));
        }
        BigDecimal refunded = refunds.stream().map(RefundRecord::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Instant createdAt = requiredTime(o, "created_at");
        Instant processedAt = time(o, "processed_at");
        String email = text(o, "email");
        return new OrderRecord(id(o), text(o, "name"), email != null ? email : text(o, "contact_email"),
                nestedId(o, "customer"), createdAt, requiredTime(o, "updated_at"),
                processedAt != null ? processedAt : createdAt, time(o, "cancelled_at"), o.path("test").asBoolean(false),
                text(o, "financial_status"), required(text(o, "currency"), "currency"), text(o, "presentment_currency"),
                required(money(o, "total_price"), "total_price"), money(o, "subtotal_price"),
                money(o, "total_discounts"), money(o, "total_tax"), refunded,
                decimal(o.path("total_price_set").path("presentment_money").path("amount")), items, refunds);
    }

    static LineItemRecord lineItem(JsonNode item) {
        BigDecimal price = required(money(item, "price"), "line_items.price");
        int quantity = item.path("quantity").asInt(0);
        BigDecimal discounts = BigDecimal.ZERO;
        for (JsonNode allocation : item.path("discount_allocations")) {
            BigDecimal amount = money(allocation, "amount");
            discounts = amount == null ? discounts : discounts.add(amount);
        }
        BigDecimal discounted = quantity == 0 || discounts.signum() == 0 ? price
                : price.subtract(discounts.divide(BigDecimal.valueOf(quantity), Math.max(2, price.scale()), RoundingMode.HALF_UP));
        return new LineItemRecord(id(item), optionalId(item, "product_id"), optionalId(item, "variant_id"),
                text(item, "title"), text(item, "sku"), quantity, price, discounted);
    }

    /**
     * The amount refunded is what the refund transactions moved; a refund without transactions (restock only,
     * or a shape that omits them) counts its line subtotals and taxes.
     */
    static RefundRecord refund(JsonNode r) {
        BigDecimal amount = BigDecimal.ZERO;
        boolean anyTransaction = false;
        for (JsonNode transaction : r.path("transactions")) {
            String kind = text(transaction, "kind");
            String status = text(transaction, "status");
            if ("refund".equals(kind) && (status == null || "success".equals(status))) {
                BigDecimal value = money(transaction, "amount");
                amount = value == null ? amount : amount.add(value);
                anyTransaction = true;
            }
        }
        if (!anyTransaction) {
            for (JsonNode line : r.path("refund_line_items")) {
                BigDecimal subtotal = money(line, "subtotal");
                BigDecimal tax = money(line, "total_tax");
                amount = amount.add(subtotal == null ? BigDecimal.ZERO : subtotal).add(tax == null ? BigDecimal.ZERO : tax);
            }
        }
        Instant createdAt = time(r, "created_at");
        return new RefundRecord(id(r), createdAt != null ? createdAt : requiredTime(r, "processed_at"), amount);
    }

    static long refundOrderId(JsonNode r) {
        return longValue(r.path("order_id"), "order_id");
    }

    static CustomerRecord customer(JsonNode c) {
        JsonNode orders = c.get("orders_count");
        return new CustomerRecord(id(c), text(c, "email"), text(c, "first_name"), text(c, "last_name"),
                text(c, "phone"), text(c, "state"), text(c, "tags"),
                orders == null || orders.isNull() ? null : orders.asInt(), money(c, "total_spent"), text(c, "currency"),
                time(c, "created_at"), requiredTime(c, "updated_at"));
    }

    static ProductRecord product(JsonNode p) {
        List<VariantRecord> variants = new ArrayList<>();
        for (JsonNode v : p.path("variants")) {
            variants.add(new VariantRecord(id(v), text(v, "title"), text(v, "sku"), money(v, "price")));
        }
        return new ProductRecord(id(p), required(text(p, "title"), "title"), text(p, "handle"), text(p, "product_type"),
                text(p, "vendor"), text(p, "status"), time(p, "created_at"), requiredTime(p, "updated_at"), variants);
    }

    static CheckoutRecord checkout(JsonNode c) {
        List<CheckoutLineItem> items = new ArrayList<>();
        for (JsonNode item : c.path("line_items")) {
            items.add(new CheckoutLineItem(text(item, "title"), item.path("quantity").asInt(0),
                    optionalId(item, "variant_id"), money(item, "price")));
        }
        return new CheckoutRecord(checkoutKey(c), text(c, "token"), text(c, "email"), nestedId(c, "customer"),
                requiredTime(c, "created_at"), requiredTime(c, "updated_at"), time(c, "completed_at"),
                text(c, "currency"), money(c, "total_price"), text(c, "abandoned_checkout_url"), items);
    }

    /**
     * The key of a checkout, the way Shopify identifies one across API versions (see docs/webhooks.md):
     * <ol>
     * <li>its numeric {@code id}: the REST checkout id, which is also the GraphQL {@code AbandonedCheckout} id;
     * <li>without one (the 2026-07 webhook sample has none), its {@code name} {@code "#<id>"}: Shopify names a
     *     checkout after its id (REST sample: id 450789469, name "#450789469"), as GraphQL's name does too;
     * <li>without either, its {@code token}, as a negative key derived from it (Shopify's ids are positive, so the
     *     two never meet): the catalog folds that row into the one with the real id and the same token as soon as
     *     the checkout arrives with both (see {@code CatalogLoad}).
     * </ol>
     */
    static long checkoutKey(JsonNode c) {
        JsonNode id = c.get("id");
        if (id != null && !id.isNull()) {
            return longValue(id, "id");
        }
        String name = text(c, "name");
        if (name != null && name.matches("#[1-9][0-9]{0,18}")) {
            try {
                return Long.parseLong(name.substring(1));
            } catch (NumberFormatException beyondLong) {
                // not an id after all: keyed by its token below
            }
        }
        String token = text(c, "token");
        if (token == null || token.isBlank()) {
            throw new UnusableDelivery("the checkout has no id, name or token");
        }
        return CheckoutRecord.tokenKey(token);
    }

    static long id(JsonNode node) {
        return longValue(node.path("id"), "id");
    }

    static @Nullable Long optionalId(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : longValue(value, field);
    }

    /** {@code customer: {id: ...}} or {@code customer: null} (guest checkout). */
    static @Nullable Long nestedId(JsonNode node, String field) {
        JsonNode nested = node.get(field);
        return nested == null || nested.isNull() ? null : optionalId(nested, "id");
    }

    static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : array) {
            ids.add(longValue(id, "id"));
        }
        return ids;
    }

    private static long longValue(JsonNode value, String field) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().longValueExact();
        }
        if (value.isString()) {
            String text = value.asString();
            return Long.parseLong(text.substring(text.lastIndexOf('/') + 1));
        }
        throw new UnusableDelivery("the payload has no numeric " + field);
    }

    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    static @Nullable Instant time(JsonNode node, String field) {
        String text = text(node, field);
        return text == null || text.isBlank() ? null : OffsetDateTime.parse(text).toInstant();
    }

    private static Instant requiredTime(JsonNode node, String field) {
        return required(time(node, field), field);
    }

    /** {@code field_set.shop_money.amount}, else {@code field} (a string, or a number for refund lines). */
    static @Nullable BigDecimal money(JsonNode node, String field) {
        BigDecimal shop = decimal(node.path(field + "_set").path("shop_money").path("amount"));
        return shop != null ? shop : decimal(node.path(field));
    }

    private static @Nullable BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString() && !value.asString().isBlank()) {
            return new BigDecimal(value.asString().trim());
        }
        return null;
    }

    private static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw new UnusableDelivery("the payload has no " + field);
        }
        return value;
    }
}
