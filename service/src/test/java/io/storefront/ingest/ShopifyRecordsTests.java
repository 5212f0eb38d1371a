package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.catalog.OrderRecord;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@Tag("fast")
class ShopifyRecordsTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void reads_a_bulk_order_line_with_escaped_slashes_a_64_bit_id_and_unscaled_money() {
        String line = """
                {"id":"gid:\\/\\/shopify\\/Order\\/820982911946154508","name":"#1001","email":null,
                 "createdAt":"2025-04-15T19:26:33Z","updatedAt":"2025-04-16T08:00:00Z","processedAt":"2025-04-15T19:26:30Z",
                 "cancelledAt":null,"test":false,"currencyCode":"EUR","presentmentCurrencyCode":"USD",
                 "displayFinancialStatus":"PARTIALLY_REFUNDED","customer":{"id":"gid:\\/\\/shopify\\/Customer\\/9007199254740993"},
                 "totalPriceSet":{"shopMoney":{"amount":"145.0","currencyCode":"EUR"},"presentmentMoney":{"amount":"160.12","currencyCode":"USD"}},
                 "totalRefundedSet":{"shopMoney":{"amount":"0.0","currencyCode":"EUR"}},
                 "refunds":[{"id":"gid:\\/\\/shopify\\/Refund\\/77","createdAt":null,"updatedAt":"2025-04-16T08:00:00Z",
                   "totalRefundedSet":{"shopMoney":{"amount":"10.10","currencyCode":"EUR"}}}]}""";

        OrderRecord order = ShopifyRecords.order(JSON.readTree(line));

        assertThat(order.id()).isEqualTo(820982911946154508L);
        assertThat(order.customerId()).isEqualTo(9007199254740993L);
        assertThat(order.totalPrice()).isEqualTo(new BigDecimal("145.0"));
        assertThat(order.presentmentTotalPrice()).isEqualTo(new BigDecimal("160.12"));
        assertThat(order.processedAt()).isEqualTo(Instant.parse("2025-04-15T19:26:30Z"));
        assertThat(order.refunds()).singleElement().satisfies(refund -> {
            assertThat(refund.amount()).isEqualTo(new BigDecimal("10.10"));
            assertThat(refund.createdAt()).isEqualTo(Instant.parse("2025-04-16T08:00:00Z"));
        });
    }

    @Test
    void reads_a_line_item_child_line_and_its_parent() {
        String line = """
                {"id":"gid:\\/\\/shopify\\/LineItem\\/5","title":"Hat","quantity":3,"sku":null,"variant":null,
                 "product":{"id":"gid:\\/\\/shopify\\/Product\\/9"},
                 "originalUnitPriceSet":{"shopMoney":{"amount":"19.9"}},"discountedUnitPriceSet":{"shopMoney":{"amount":"17.91"}},
                 "__parentId":"gid:\\/\\/shopify\\/Order\\/820982911946154508"}""";

        var node = JSON.readTree(line);
        var item = ShopifyRecords.lineItem(node);

        assertThat(ShopifyRecords.id(node.path("__parentId").asString())).isEqualTo(820982911946154508L);
        assertThat(ShopifyRecords.type(node.path("id").asString())).isEqualTo("LineItem");
        assertThat(item.variantId()).isNull();
        assertThat(item.productId()).isEqualTo(9L);
        assertThat(item.price()).isEqualByComparingTo("19.90");
        assertThat(item.discountedPrice()).isEqualByComparingTo("17.91");
    }

    @Test
    void reads_a_paginated_product_with_its_variants_and_a_customer_with_list_tags() {
        var product = ShopifyRecords.product(JSON.readTree("""
                {"id":"gid://shopify/Product/1","title":"Hat","handle":"hat","productType":"Hats","vendor":"Acme",
                 "status":"ACTIVE","createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-02T00:00:00Z",
                 "variants":{"pageInfo":{"hasNextPage":false},"edges":[{"node":{"id":"gid://shopify/ProductVariant/2",
                 "title":"S","sku":"HAT-S","price":"19.00"}}]}}"""));
        var customer = ShopifyRecords.customer(JSON.readTree("""
                {"id":"gid://shopify/Customer/3","defaultEmailAddress":{"emailAddress":"a@b.c"},"defaultPhoneNumber":null,
                 "tags":["vip","b2b"],"numberOfOrders":"12",
                 "amountSpent":{"amount":"1234.5","currencyCode":"EUR"},"state":"ENABLED",
                 "createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-02T00:00:00+01:00"}"""));

        assertThat(product.variants()).singleElement().satisfies(v -> assertThat(v.price()).isEqualByComparingTo("19"));
        assertThat(customer.tags()).isEqualTo("vip, b2b");
        assertThat(customer.email()).isEqualTo("a@b.c");
        assertThat(customer.phone()).isNull();
        assertThat(customer.numberOfOrders()).isEqualTo(12);
        assertThat(customer.amountSpent()).isEqualTo(new BigDecimal("1234.5"));
        assertThat(customer.updatedAt()).isEqualTo(Instant.parse("2025-01-01T23:00:00Z"));
    }
}
