package dev.storefront.simulator.webhooks;

import dev.storefront.simulator.store.AbandonedCheckout;
import dev.storefront.simulator.store.Customer;
import dev.storefront.simulator.store.LineItem;
import dev.storefront.simulator.store.MoneyBag;
import dev.storefront.simulator.store.Order;
import dev.storefront.simulator.store.Product;
import dev.storefront.simulator.store.ProductVariant;
import dev.storefront.simulator.store.Refund;
import dev.storefront.simulator.store.Store;
import dev.storefront.simulator.store.StoreChange;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Webhook bodies in the REST shape Shopify still sends: snake_case, integer ids, money as two-decimal
 * strings, timestamps in the shop's own offset. Keys and nesting follow the recorded samples in
 * the fixtures in {@code src/test/resources/fixtures/webhooks}.
 */
public final class WebhookPayloads {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private final Store store;
    private final ZoneId zone;

    public WebhookPayloads(Store store) {
        this.store = store;
        this.zone = store.zone;
    }

    public String time(long epochSecond) {
        return LOCAL.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
    }

    private String time(Long epochSecond) {
        return epochSecond == null ? null : time(epochSecond.longValue());
    }

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> set(MoneyBag bag) {
        return object("shop_money", object("amount", bag.shopMoney().restAmount(), "currency_code", bag.shopMoney().currencyCode()),
                "presentment_money", object("amount", bag.presentmentMoney().restAmount(), "currency_code", bag.presentmentMoney().currencyCode()));
    }

    private static MoneyBag times(MoneyBag unit, int quantity) {
        return new MoneyBag(unit.shopMoney().times(quantity), unit.presentmentMoney().times(quantity));
    }

    public Object payload(StoreChange change) {
        Object subject = change.subject();
        if (subject instanceof Long) {
            return object("id", subject);
        } else if (subject instanceof Order) {
            return order((Order) subject);
        } else if (subject instanceof Customer) {
            return customer((Customer) subject, true);
        } else if (subject instanceof Product) {
            return product((Product) subject);
        } else if (subject instanceof AbandonedCheckout) {
            return checkout((AbandonedCheckout) subject);
        } else if (subject instanceof StoreChange.OrderRefund) {
            StoreChange.OrderRefund refund = (StoreChange.OrderRefund) subject;
            return refund(refund.order(), refund.refund());
        }
        throw new IllegalArgumentException("no payload for " + subject);
    }

    public Map<String, Object> order(Order order) {
        Customer customer = order.customerIndex() < 0 ? null : store.customers.get(order.customerIndex());
        long weight = 0;
        List<Object> lines = new ArrayList<>();
        for (LineItem item : order.lineItems()) {
            weight += (long) item.grams() * item.quantity();
            lines.add(lineItem(item));
        }
        List<Object> refunds = new ArrayList<>();
        for (Refund refund : order.refunds()) {
            refunds.add(refund(order, refund));
        }
        List<Object> discountCodes = order.discountPercent() == 0 ? List.of()
                : List.of(object("code", "WELCOME" + order.discountPercent(), "amount", order.totalDiscounts().shopMoney().restAmount(), "type", "percentage"));
        String financial = order.displayFinancialStatus().toLowerCase(Locale.ROOT);
        String status = order.presentmentCurrencyCode().equals("EUR") ? "de-DE,de;q=0.9" : "en-US,en;q=0.9";
        return object(
                "id", order.id(),
                "admin_graphql_api_id", order.gid(),
                "app_id", 580111,
                "browser_ip", order.browserIp(),
                "buyer_accepts_marketing", order.index() % 3 == 0,
                "cancel_reason", order.cancelReason() == null ? null : order.cancelReason().toLowerCase(Locale.ROOT),
                "cancelled_at", time(order.cancelledAt()),
                "cart_token", order.token().substring(0, 16),
                "checkout_id", 901_414_060L + order.index(),
                "checkout_token", order.token(),
                "client_details", object("accept_language", status, "browser_height", null, "browser_ip", order.browserIp(),
                        "browser_width", null, "session_hash", null, "user_agent", "Mozilla/5.0"),
                "closed_at", time(order.cancelledAt()),
                "confirmation_number", Long.toString(order.id() % 2_821_109_907_456L, 36).toUpperCase(Locale.ROOT),
                "confirmed", true,
                "contact_email", order.email(),
                "created_at", time(order.createdAt()),
                "currency", order.currencyCode(),
                "current_subtotal_price", order.subtotal().shopMoney().restAmount(),
                "current_subtotal_price_set", set(order.subtotal()),
                "current_total_discounts", order.totalDiscounts().shopMoney().restAmount(),
                "current_total_price", order.currentTotalPrice().shopMoney().restAmount(),
                "current_total_price_set", set(order.currentTotalPrice()),
                "current_total_tax", order.totalTax().shopMoney().restAmount(),
                "customer_locale", order.presentmentCurrencyCode().equals("EUR") ? "de" : "en",
                "discount_codes", discountCodes,
                "email", order.email(),
                "estimated_taxes", false,
                "financial_status", financial,
                "fulfillment_status", null,
                "landing_site", "/",
                "name", order.name(),
                "note", null,
                "note_attributes", List.of(),
                "number", order.number(),
                "order_number", order.number() + 1000,
                "order_status_url", "https://" + store.domain + "/orders/" + order.token() + "/authenticate",
                "payment_gateway_names", List.of("shopify_payments"),
                "phone", null,
                "presentment_currency", order.presentmentCurrencyCode(),
                "processed_at", time(order.processedAt()),
                "reference", null,
                "referring_site", "",
                "source_name", order.sourceName(),
                "subtotal_price", order.subtotal().shopMoney().restAmount(),
                "subtotal_price_set", set(order.subtotal()),
                "tags", "",
                "tax_lines", List.of(object("price", order.totalTax().shopMoney().restAmount(), "rate", 0.075, "title", "State Tax")),
                "taxes_included", false,
                "test", order.test(),
                "token", order.token(),
                "total_discounts", order.totalDiscounts().shopMoney().restAmount(),
                "total_discounts_set", set(order.totalDiscounts()),
                "total_line_items_price", order.lineItemsTotal().shopMoney().restAmount(),
                "total_line_items_price_set", set(order.lineItemsTotal()),
                "total_outstanding", order.displayFinancialStatus().equals("PENDING") ? order.totalPrice().shopMoney().restAmount() : "0.00",
                "total_price", order.totalPrice().shopMoney().restAmount(),
                "total_price_set", set(order.totalPrice()),
                "total_shipping_price_set", set(order.totalShipping()),
                "total_tax", order.totalTax().shopMoney().restAmount(),
                "total_tax_set", set(order.totalTax()),
                "total_tip_received", "0.00",
                "total_weight", weight,
                "updated_at", time(order.updatedAt()),
                "user_id", null,
                "billing_address", null,
                "customer", customer == null ? null : customer(customer, false),
                "discount_applications", List.of(),
                "fulfillments", List.of(),
                "line_items", lines,
                "payment_terms", null,
                "refunds", refunds,
                "shipping_address", null,
                "shipping_lines", List.of());
    }

    private Map<String, Object> lineItem(LineItem item) {
        MoneyBag discount = new MoneyBag(
                item.originalUnitPrice().shopMoney().times(item.quantity()).minus(item.discountedUnitPrice().shopMoney().times(item.quantity())),
                item.originalUnitPrice().presentmentMoney().times(item.quantity()).minus(item.discountedUnitPrice().presentmentMoney().times(item.quantity())));
        boolean defaultTitle = item.variantTitle().equals("Default Title");
        return object(
                "id", item.id(),
                "admin_graphql_api_id", "gid://shopify/LineItem/" + item.id(),
                "current_quantity", item.quantity(),
                "fulfillable_quantity", item.quantity(),
                "fulfillment_service", "manual",
                "fulfillment_status", null,
                "gift_card", false,
                "grams", item.grams(),
                "name", defaultTitle ? item.title() : item.title() + " - " + item.variantTitle(),
                "price", item.originalUnitPrice().shopMoney().restAmount(),
                "price_set", set(item.originalUnitPrice()),
                "product_exists", !item.productDeleted(),
                "product_id", item.productId(),
                "properties", List.of(),
                "quantity", item.quantity(),
                "requires_shipping", true,
                "sku", item.sku(),
                "taxable", true,
                "title", item.title(),
                "total_discount", discount.shopMoney().restAmount(),
                "total_discount_set", set(discount),
                "variant_id", item.variantId(),
                "variant_inventory_management", "shopify",
                "variant_title", defaultTitle ? null : item.variantTitle(),
                "vendor", item.vendor(),
                "tax_lines", List.of(),
                "duties", List.of(),
                "discount_allocations", List.of());
    }

    /** The customer object; inside an order Shopify leaves out the order totals. */
    public Map<String, Object> customer(Customer customer, boolean full) {
        Map<String, Object> map = object(
                "id", customer.id(),
                "email", customer.email(),
                "created_at", time(customer.createdAt()),
                "updated_at", time(customer.updatedAt()),
                "first_name", customer.firstName(),
                "last_name", customer.lastName());
        if (full) {
            map.put("orders_count", customer.numberOfOrders());
        }
        map.put("state", customer.state().toLowerCase(Locale.ROOT));
        if (full) {
            map.put("total_spent", customer.amountSpent().restAmount());
            map.put("last_order_id", null);
        }
        map.put("note", full ? "" : null);
        map.put("verified_email", customer.verifiedEmail());
        map.put("multipass_identifier", null);
        map.put("tax_exempt", false);
        if (full) {
            map.put("tags", customer.tags());
            map.put("last_order_name", null);
            map.put("currency", customer.amountSpent().currencyCode());
            map.put("phone", customer.phone());
            map.put("addresses", List.of());
            map.put("tax_exemptions", List.of());
            map.put("email_marketing_consent", object("state", customer.index() % 4 == 0 ? "subscribed" : "not_subscribed",
                    "opt_in_level", "single_opt_in", "consent_updated_at", null));
            map.put("sms_marketing_consent", null);
        } else {
            map.put("phone", customer.phone());
            map.put("currency", customer.amountSpent().currencyCode());
            map.put("tags", customer.tags());
            map.put("tax_exemptions", List.of());
        }
        map.put("admin_graphql_api_id", "gid://shopify/Customer/" + customer.id());
        map.put("default_address", null);
        return map;
    }

    public Map<String, Object> product(Product product) {
        List<Object> variants = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (ProductVariant variant : product.variants()) {
            values.add(variant.title());
            variants.add(object(
                    "admin_graphql_api_id", "gid://shopify/ProductVariant/" + variant.id(),
                    "barcode", null,
                    "compare_at_price", null,
                    "created_at", time(variant.createdAt()),
                    "id", variant.id(),
                    "inventory_policy", "deny",
                    "position", variant.position(),
                    "price", variant.price().restAmount(),
                    "product_id", product.id(),
                    "sku", variant.sku(),
                    "taxable", true,
                    "title", variant.title(),
                    "updated_at", time(variant.updatedAt()),
                    "option1", variant.title(),
                    "option2", null,
                    "option3", null,
                    "image_id", null,
                    "inventory_item_id", 43_729_076L + variant.id() % 1_000_000_000L,
                    "inventory_quantity", 12,
                    "old_inventory_quantity", 12));
        }
        boolean single = product.variants().size() == 1;
        return object(
                "admin_graphql_api_id", "gid://shopify/Product/" + product.id(),
                "body_html", product.bodyHtml(),
                "created_at", time(product.createdAt()),
                "handle", product.handle(),
                "id", product.id(),
                "product_type", product.productType(),
                "published_at", product.status().equals("ACTIVE") ? time(product.createdAt()) : null,
                "template_suffix", null,
                "title", product.title(),
                "updated_at", time(product.updatedAt()),
                "vendor", product.vendor(),
                "status", product.status().toLowerCase(Locale.ROOT),
                "published_scope", "web",
                "tags", product.tags(),
                "variants", variants,
                "options", List.of(object("id", 594_680_422L + product.index(), "product_id", product.id(),
                        "name", single ? "Title" : "Option", "position", 1, "values", values)),
                "images", List.of(),
                "image", null,
                "media", List.of(),
                "variant_gids", List.of(),
                "has_variants_that_requires_components", false,
                "category", null);
    }

    public Map<String, Object> checkout(AbandonedCheckout checkout) {
        Customer customer = checkout.customerIndex() < 0 ? null : store.customers.get(checkout.customerIndex());
        long weight = 0;
        List<Object> lines = new ArrayList<>();
        for (LineItem item : checkout.lineItems()) {
            weight += (long) item.grams() * item.quantity();
            boolean defaultTitle = item.variantTitle().equals("Default Title");
            lines.add(object(
                    "applied_discounts", List.of(),
                    "discount_allocations", List.of(),
                    "key", checkout.token().substring(0, 16) + Long.toHexString(item.id()),
                    "destination_location_id", null,
                    "fulfillment_service", "manual",
                    "gift_card", false,
                    "grams", item.grams(),
                    "origin_location_id", null,
                    "presentment_title", item.title(),
                    "presentment_variant_title", defaultTitle ? "" : item.variantTitle(),
                    "product_id", item.productId(),
                    "properties", null,
                    "quantity", item.quantity(),
                    "requires_shipping", true,
                    "sku", item.sku(),
                    "tax_lines", List.of(),
                    "taxable", true,
                    "title", item.title(),
                    "variant_id", item.variantId(),
                    "variant_title", defaultTitle ? "" : item.variantTitle(),
                    "variant_price", item.originalUnitPrice().shopMoney().restAmount(),
                    "vendor", item.vendor(),
                    "unit_price_measurement", null,
                    "compare_at_price", null,
                    "line_price", item.originalUnitPrice().shopMoney().times(item.quantity()).restAmount(),
                    "price", item.originalUnitPrice().shopMoney().restAmount()));
        }
        return object(
                "id", checkout.id(),
                "token", checkout.token(),
                "cart_token", checkout.cartToken(),
                "email", checkout.email(),
                "gateway", null,
                "buyer_accepts_marketing", false,
                "created_at", time(checkout.createdAt()),
                "updated_at", time(checkout.updatedAt()),
                "landing_site", null,
                "note", null,
                "note_attributes", List.of(),
                "referring_site", null,
                "shipping_lines", List.of(),
                "taxes_included", false,
                "total_weight", weight,
                "currency", checkout.currencyCode(),
                "completed_at", time(checkout.completedAt()),
                "closed_at", null,
                "user_id", null,
                "location_id", null,
                "source_identifier", null,
                "source_url", null,
                "device_id", null,
                "phone", null,
                "customer_locale", "en",
                "line_items", lines,
                "name", "#" + checkout.id(),
                "source", null,
                "abandoned_checkout_url", checkout.abandonedCheckoutUrl(),
                "discount_codes", List.of(),
                "tax_lines", List.of(),
                "source_name", "web",
                "presentment_currency", checkout.presentmentCurrencyCode(),
                "buyer_accepts_sms_marketing", false,
                "sms_marketing_phone", null,
                "total_discounts", "0.00",
                "total_line_items_price", checkout.subtotal().shopMoney().restAmount(),
                "total_price", checkout.totalPrice().shopMoney().restAmount(),
                "total_tax", checkout.totalTax().shopMoney().restAmount(),
                "subtotal_price", checkout.subtotal().shopMoney().restAmount(),
                "total_duties", null,
                "reservation_token", null,
                "billing_address", null,
                "shipping_address", null,
                "customer", customer == null ? null : customer(customer, false));
    }

    /** refunds/create; refund line subtotal and total_tax are JSON numbers there, unlike every other amount. */
    public Map<String, Object> refund(Order order, Refund refund) {
        LineItem item = order.lineItems().stream().filter(line -> line.id() == refund.lineItemId()).findFirst().orElseThrow();
        return object(
                "id", refund.id(),
                "order_id", order.id(),
                "created_at", time(refund.createdAt()),
                "note", null,
                "user_id", null,
                "processed_at", time(refund.createdAt()),
                "restock", false,
                "duties", List.of(),
                "total_duties_set", set(times(refund.totalTax(), 0)),
                "return", null,
                "admin_graphql_api_id", "gid://shopify/Refund/" + refund.id(),
                "refund_line_items", List.of(object(
                        "id", refund.id() * 3 + 1,
                        "quantity", refund.quantity(),
                        "line_item_id", item.id(),
                        "location_id", null,
                        "restock_type", "no_restock",
                        "subtotal", new java.math.BigDecimal(refund.subtotal().shopMoney().restAmount()),
                        "total_tax", new java.math.BigDecimal(refund.totalTax().shopMoney().restAmount()),
                        "subtotal_set", set(refund.subtotal()),
                        "total_tax_set", set(refund.totalTax()),
                        "line_item", lineItem(item))),
                "transactions", List.of(object(
                        "id", refund.id() * 5 + 2,
                        "admin_graphql_api_id", "gid://shopify/OrderTransaction/" + (refund.id() * 5 + 2),
                        "amount", refund.totalRefunded().shopMoney().restAmount(),
                        "currency", refund.totalRefunded().shopMoney().currencyCode(),
                        "kind", "refund",
                        "status", "success",
                        "gateway", "shopify_payments",
                        "order_id", order.id(),
                        "created_at", time(refund.createdAt()),
                        "processed_at", time(refund.createdAt()),
                        "test", order.test())),
                "order_adjustments", List.of());
    }
}
