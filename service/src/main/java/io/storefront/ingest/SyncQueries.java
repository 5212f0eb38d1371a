package io.storefront.ingest;

import io.storefront.catalog.Resource;

/**
 * The GraphQL the sync sends, one selection per resource shared by the bulk query (nested connections without
 * {@code first}, each node its own JSONL line) and the paginated incremental query.
 */
final class SyncQueries {

    private SyncQueries() {}

    static final String MONEY = "shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }";
    /** Every object costs a point in paginated queries: outside the order total, only the shop's money is read. */
    static final String SHOP_MONEY = "shopMoney { amount currencyCode }";

    /** Protected customer data: a public app reads it only once Shopify approved the app. */
    static final String CUSTOMER_CONTACT = "defaultEmailAddress { emailAddress } firstName lastName defaultPhoneNumber { phoneNumber }";
    static final String CUSTOMER_BASIC = "id state tags numberOfOrders createdAt updatedAt amountSpent { amount currencyCode }";
    static final String CUSTOMER = CUSTOMER_BASIC + " " + CUSTOMER_CONTACT;
    static final String PRODUCT = "id title handle productType vendor status createdAt updatedAt";
    static final String VARIANT = "id title sku price";
    static final String ORDER_BASIC = "createdAt updatedAt processedAt cancelledAt test currencyCode"
            + " presentmentCurrencyCode displayFinancialStatus customer { id }"
            + " totalPriceSet { " + MONEY + " } subtotalPriceSet { " + SHOP_MONEY + " }"
            + " totalDiscountsSet { " + SHOP_MONEY + " } totalTaxSet { " + SHOP_MONEY + " } totalRefundedSet { " + SHOP_MONEY + " }"
            + " refunds { id createdAt updatedAt totalRefundedSet { " + SHOP_MONEY + " } }";
    static final String ORDER = "id name email " + ORDER_BASIC;
    static final String LINE_ITEM = "id title quantity sku variant { id } product { id }"
            + " originalUnitPriceSet { " + SHOP_MONEY + " } discountedUnitPriceSet { " + SHOP_MONEY + " }";
    static final String CHECKOUT_BASIC = "id createdAt updatedAt completedAt abandonedCheckoutUrl totalPriceSet { " + SHOP_MONEY + " }";
    static final String CHECKOUT = CHECKOUT_BASIC + " customer { id defaultEmailAddress { emailAddress } }";
    static final String CHECKOUT_LINE_ITEM = "id title quantity variant { id } originalUnitPriceSet { " + SHOP_MONEY + " }";

    /** The root field of a resource's list query. */
    static String connection(Resource resource) {
        return switch (resource) {
            case CUSTOMERS -> "customers";
            case PRODUCTS -> "products";
            case ORDERS -> "orders";
            case CHECKOUTS -> "abandonedCheckouts";
        };
    }

    /**
     * @param protectedData whether to read customers' names, emails and phones and orders' emails; Shopify fails a
     *                      bulk query asking for them with ACCESS_DENIED unless it approved the app for them
     */
    static String bulk(Resource resource, boolean protectedData) {
        String root = connection(resource);
        return switch (resource) {
            case CUSTOMERS -> "{ customers { edges { node { " + (protectedData ? CUSTOMER : CUSTOMER_BASIC) + " } } } }";
            case PRODUCTS -> "{ products { edges { node { " + PRODUCT + " variants { edges { node { " + VARIANT + " } } } } } } }";
            case ORDERS -> "{ orders { edges { node { " + (protectedData ? ORDER : "id name " + ORDER_BASIC)
                    + " lineItems { edges { node { " + LINE_ITEM + " } } } } } } }";
            case CHECKOUTS -> "{ " + root + " { edges { node { " + (protectedData ? CHECKOUT : CHECKOUT_BASIC + " customer { id }")
                    + " lineItems { edges { node { " + CHECKOUT_LINE_ITEM + " } } } } } } }";
        };
    }

    /** Shopify cannot sort abandoned checkouts by UPDATED_AT, only by id or creation. */
    static boolean sortedByUpdate(Resource resource) {
        return resource != Resource.CHECKOUTS;
    }

    /** Variables: first, after, query (search syntax), nestedFirst. Sorted by UPDATED_AT, oldest first, where Shopify can. */
    static String page(Resource resource) {
        String nested = switch (resource) {
            case CUSTOMERS -> CUSTOMER;
            case PRODUCTS -> PRODUCT + " variants(first: $nestedFirst) { pageInfo { hasNextPage endCursor } edges { node { " + VARIANT + " } } }";
            case ORDERS -> ORDER + " lineItems(first: $nestedFirst) { pageInfo { hasNextPage endCursor } edges { node { " + LINE_ITEM + " } } }";
            case CHECKOUTS -> CHECKOUT + " lineItems(first: $nestedFirst) { pageInfo { hasNextPage endCursor } edges { node { " + CHECKOUT_LINE_ITEM + " } } }";
        };
        String nestedVariable = resource == Resource.CUSTOMERS ? "" : ", $nestedFirst: Int!";
        return "query page($first: Int!, $after: String, $query: String" + nestedVariable + ") { "
                + connection(resource) + "(first: $first, after: $after, query: $query, sortKey: "
                + (sortedByUpdate(resource) ? "UPDATED_AT" : "ID") + ") {"
                + " pageInfo { hasNextPage endCursor } edges { node { " + nested + " } } } }";
    }

    /** The rest of an order's line items or a product's variants, past the first nested page. */
    static String nestedRest(Resource resource) {
        return switch (resource) {
            case ORDERS -> "query rest($id: ID!, $after: String) { order(id: $id) { lineItems(first: 250, after: $after) {"
                    + " pageInfo { hasNextPage endCursor } edges { node { " + LINE_ITEM + " } } } } }";
            case PRODUCTS -> "query rest($id: ID!, $after: String) { product(id: $id) { variants(first: 250, after: $after) {"
                    + " pageInfo { hasNextPage endCursor } edges { node { " + VARIANT + " } } } } }";
            default -> throw new IllegalArgumentException(resource + " has no nested connection to complete");
        };
    }

    /** Ids only, for reconciliation. */
    static String ids(Resource resource) {
        return "query ids($first: Int!, $after: String) { " + connection(resource)
                + "(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }";
    }
}
