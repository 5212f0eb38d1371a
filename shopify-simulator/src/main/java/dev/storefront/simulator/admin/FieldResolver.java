package dev.storefront.simulator.admin;

import dev.storefront.simulator.store.AbandonedCheckout;
import dev.storefront.simulator.store.Customer;
import dev.storefront.simulator.store.LineItem;
import dev.storefront.simulator.store.Money;
import dev.storefront.simulator.store.MoneyBag;
import dev.storefront.simulator.store.Order;
import dev.storefront.simulator.store.Product;
import dev.storefront.simulator.store.ProductVariant;
import dev.storefront.simulator.store.Refund;
import dev.storefront.simulator.store.Store;
import dev.storefront.simulator.webhooks.Topics;
import dev.storefront.simulator.webhooks.WebhookSubscription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps the store's records to the GraphQL field names of Shopify's Admin API. One place answers every
 * field, for both the GraphQL endpoint and bulk exports, so the two can never disagree.
 * Nested connections come back as plain lists; the caller pages them (GraphQL) or flattens them (bulk).
 */
public final class FieldResolver {

    /** A line of an abandoned checkout (its GraphQL type differs from an order's line item). */
    public record CheckoutLine(LineItem item) {
    }

    record Plan(String displayName, boolean shopifyPlus) {
    }

    record EmailAddress(String emailAddress) {
    }

    record PhoneNumber(String phoneNumber) {
    }

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    record Endpoint(String callbackUrl) {
    }

    private FieldResolver() {
    }

    /** The date part of the last timestamp formatted; bulk exports format millions of nearby timestamps. */
    private record DayPrefix(long day, String prefix) {
    }

    private static volatile DayPrefix lastDay = new DayPrefix(0, "1970-01-01T");

    /** ISO-8601 in UTC with a {@code Z}, to the second, as Shopify's DateTime. */
    public static String dateTime(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400);
        DayPrefix cached = lastDay;
        if (cached.day() != day) {
            cached = new DayPrefix(day, java.time.LocalDate.ofEpochDay(day) + "T");
            lastDay = cached;
        }
        int second = (int) Math.floorMod(epochSecond, 86_400);
        char[] time = {(char) ('0' + second / 36_000), (char) ('0' + second / 3600 % 10), ':',
            (char) ('0' + second % 3600 / 600), (char) ('0' + second % 3600 / 60 % 10), ':',
            (char) ('0' + second % 60 / 10), (char) ('0' + second % 10), 'Z'};
        return cached.prefix().concat(new String(time));
    }

    private static String dateTime(Long epochSecond) {
        return epochSecond == null ? null : dateTime(epochSecond.longValue());
    }

    public static String typename(Object source) {
        if (source instanceof Order) {
            return "Order";
        } else if (source instanceof Customer) {
            return "Customer";
        } else if (source instanceof Product) {
            return "Product";
        } else if (source instanceof ProductVariant) {
            return "ProductVariant";
        } else if (source instanceof LineItem) {
            return "LineItem";
        } else if (source instanceof CheckoutLine) {
            return "AbandonedCheckoutLineItem";
        } else if (source instanceof Refund) {
            return "Refund";
        } else if (source instanceof AbandonedCheckout) {
            return "AbandonedCheckout";
        } else if (source instanceof BulkOperation) {
            return "BulkOperation";
        } else if (source instanceof WebhookSubscription) {
            return "WebhookSubscription";
        } else if (source instanceof ShopProfile) {
            return "Shop";
        } else if (source instanceof Endpoint) {
            return "WebhookHttpEndpoint";
        }
        throw new IllegalArgumentException("no GraphQL type for " + source.getClass());
    }

    /** Whether a field answers with a list that the schema presents as a connection. */
    public static boolean isNestedConnection(String field) {
        return field.equals("lineItems") || field.equals("variants");
    }

    public static Object resolve(Object source, String field, Store store) {
        if (source instanceof Order) {
            return order((Order) source, field, store);
        } else if (source instanceof LineItem) {
            return lineItem((LineItem) source, field, store);
        } else if (source instanceof MoneyBag) {
            MoneyBag bag = (MoneyBag) source;
            return field.equals("shopMoney") ? bag.shopMoney() : field.equals("presentmentMoney") ? bag.presentmentMoney() : null;
        } else if (source instanceof Money) {
            Money money = (Money) source;
            return field.equals("amount") ? money.graphqlAmount() : field.equals("currencyCode") ? money.currencyCode() : null;
        } else if (source instanceof Customer) {
            return customer((Customer) source, field);
        } else if (source instanceof Product) {
            return product((Product) source, field);
        } else if (source instanceof ProductVariant) {
            return variant((ProductVariant) source, field, store);
        } else if (source instanceof Refund) {
            return refund((Refund) source, field);
        } else if (source instanceof AbandonedCheckout) {
            return checkout((AbandonedCheckout) source, field, store);
        } else if (source instanceof CheckoutLine) {
            return checkoutLine(((CheckoutLine) source).item(), field, store);
        } else if (source instanceof Connection) {
            return connection((Connection) source, field);
        } else if (source instanceof Connection.Edge) {
            Connection.Edge edge = (Connection.Edge) source;
            return field.equals("cursor") ? edge.cursor() : edge.node();
        } else if (source instanceof PageInfo) {
            PageInfo info = (PageInfo) source;
            return switch (field) {
                case "hasNextPage" -> info.hasNextPage();
                case "hasPreviousPage" -> info.hasPreviousPage();
                case "startCursor" -> info.startCursor();
                default -> info.endCursor();
            };
        } else if (source instanceof ShopProfile) {
            return shop((ShopProfile) source, field);
        } else if (source instanceof Plan) {
            Plan plan = (Plan) source;
            return switch (field) {
                case "displayName", "publicDisplayName" -> plan.displayName();
                case "shopifyPlus" -> plan.shopifyPlus();
                default -> Boolean.FALSE;
            };
        } else if (source instanceof EmailAddress) {
            return ((EmailAddress) source).emailAddress();
        } else if (source instanceof PhoneNumber) {
            return ((PhoneNumber) source).phoneNumber();
        } else if (source instanceof BulkOperation) {
            return bulkOperation((BulkOperation) source, field);
        } else if (source instanceof WebhookSubscription) {
            return subscription((WebhookSubscription) source, field);
        } else if (source instanceof Endpoint) {
            return ((Endpoint) source).callbackUrl();
        }
        return null;
    }

    private static Object order(Order order, String field, Store store) {
        return switch (field) {
            case "id" -> order.gid();
            case "legacyResourceId" -> Long.toString(order.id());
            case "name" -> order.name();
            case "email" -> order.email();
            case "createdAt" -> dateTime(order.createdAt());
            case "updatedAt" -> dateTime(order.updatedAt());
            case "processedAt" -> dateTime(order.processedAt());
            case "cancelledAt" -> dateTime(order.cancelledAt());
            case "cancelReason" -> order.cancelReason();
            case "closed" -> order.cancelledAt() != null;
            case "test" -> order.test();
            case "confirmed" -> Boolean.TRUE;
            case "currencyCode" -> order.currencyCode();
            case "presentmentCurrencyCode" -> order.presentmentCurrencyCode();
            case "displayFinancialStatus" -> order.displayFinancialStatus();
            case "sourceName" -> order.sourceName();
            case "tags" -> List.of();
            case "totalPriceSet" -> order.totalPrice();
            case "subtotalPriceSet" -> order.subtotal();
            case "totalDiscountsSet" -> order.totalDiscounts();
            case "totalTaxSet" -> order.totalTax();
            case "totalShippingPriceSet" -> order.totalShipping();
            case "totalRefundedSet" -> order.totalRefunded();
            case "currentTotalPriceSet" -> order.currentTotalPrice();
            case "customer" -> order.customerIndex() < 0 ? null : store.customers.get(order.customerIndex());
            case "lineItems" -> order.lineItems();
            case "refunds" -> order.refunds();
            default -> null;
        };
    }

    private static Object lineItem(LineItem item, String field, Store store) {
        return switch (field) {
            case "id" -> "gid://shopify/LineItem/" + item.id();
            case "title" -> item.title();
            case "name" -> item.variantTitle().equals("Default Title") ? item.title() : item.title() + " - " + item.variantTitle();
            case "variantTitle" -> item.variantTitle().equals("Default Title") ? null : item.variantTitle();
            case "vendor" -> item.vendor();
            case "quantity", "currentQuantity" -> item.quantity();
            case "sku" -> item.sku();
            case "variant" -> variantOf(item, store);
            case "product" -> item.productDeleted() ? null : store.products.get(item.productIndex());
            case "originalUnitPriceSet" -> item.originalUnitPrice();
            case "discountedUnitPriceSet" -> item.discountedUnitPrice();
            case "originalTotalSet" -> times(item.originalUnitPrice(), item.quantity());
            case "discountedTotalSet" -> times(item.discountedUnitPrice(), item.quantity());
            default -> null;
        };
    }

    private static Object checkoutLine(LineItem item, String field, Store store) {
        return switch (field) {
            case "id" -> "gid://shopify/AbandonedCheckoutLineItem/" + item.id();
            case "originalTotalPriceSet", "discountedTotalPriceSet" -> times(item.originalUnitPrice(), item.quantity());
            default -> lineItem(item, field, store);
        };
    }

    private static ProductVariant variantOf(LineItem item, Store store) {
        if (item.productDeleted()) {
            return null;
        }
        for (ProductVariant variant : store.products.get(item.productIndex()).variants()) {
            if (variant.id() == item.variantId()) {
                return variant;
            }
        }
        return null;
    }

    private static MoneyBag times(MoneyBag unit, int quantity) {
        return new MoneyBag(unit.shopMoney().times(quantity), unit.presentmentMoney().times(quantity));
    }

    private static Object customer(Customer customer, String field) {
        return switch (field) {
            case "id" -> "gid://shopify/Customer/" + customer.id();
            case "legacyResourceId" -> Long.toString(customer.id());
            case "email" -> customer.email();
            case "defaultEmailAddress" -> customer.email() == null ? null : new EmailAddress(customer.email());
            case "firstName" -> customer.firstName();
            case "lastName" -> customer.lastName();
            case "displayName" -> customer.firstName() + " " + customer.lastName();
            case "phone" -> customer.phone();
            case "defaultPhoneNumber" -> customer.phone() == null ? null : new PhoneNumber(customer.phone());
            case "createdAt" -> dateTime(customer.createdAt());
            case "updatedAt" -> dateTime(customer.updatedAt());
            case "state" -> customer.state();
            case "tags" -> tags(customer.tags());
            case "verifiedEmail" -> customer.verifiedEmail();
            case "numberOfOrders" -> Long.toString(customer.numberOfOrders());
            case "amountSpent" -> customer.amountSpent();
            default -> null;
        };
    }

    private static Object product(Product product, String field) {
        return switch (field) {
            case "id" -> "gid://shopify/Product/" + product.id();
            case "legacyResourceId" -> Long.toString(product.id());
            case "title" -> product.title();
            case "handle" -> product.handle();
            case "descriptionHtml" -> product.bodyHtml();
            case "productType" -> product.productType();
            case "vendor" -> product.vendor();
            case "status" -> product.status();
            case "tags" -> tags(product.tags());
            case "createdAt" -> dateTime(product.createdAt());
            case "updatedAt" -> dateTime(product.updatedAt());
            case "variants" -> product.variants();
            default -> null;
        };
    }

    private static Object variant(ProductVariant variant, String field, Store store) {
        return switch (field) {
            case "id" -> "gid://shopify/ProductVariant/" + variant.id();
            case "legacyResourceId" -> Long.toString(variant.id());
            case "title" -> variant.title();
            case "displayName" -> store.products.get(variant.productIndex()).title() + " - " + variant.title();
            case "sku" -> variant.sku();
            case "price" -> variant.price().graphqlAmount();
            case "position" -> variant.position();
            case "createdAt" -> dateTime(variant.createdAt());
            case "updatedAt" -> dateTime(variant.updatedAt());
            case "product" -> store.products.get(variant.productIndex());
            default -> null;
        };
    }

    private static Object refund(Refund refund, String field) {
        return switch (field) {
            case "id" -> "gid://shopify/Refund/" + refund.id();
            case "legacyResourceId" -> Long.toString(refund.id());
            case "createdAt", "updatedAt" -> dateTime(refund.createdAt());
            case "totalRefundedSet" -> refund.totalRefunded();
            default -> null;
        };
    }

    private static Object checkout(AbandonedCheckout checkout, String field, Store store) {
        return switch (field) {
            case "id" -> "gid://shopify/AbandonedCheckout/" + checkout.id();
            case "name" -> "#" + checkout.id();
            case "createdAt" -> dateTime(checkout.createdAt());
            case "updatedAt" -> dateTime(checkout.updatedAt());
            case "completedAt" -> dateTime(checkout.completedAt());
            case "abandonedCheckoutUrl" -> checkout.abandonedCheckoutUrl();
            case "taxesIncluded" -> Boolean.FALSE;
            case "customer" -> checkout.customerIndex() < 0 ? null : store.customers.get(checkout.customerIndex());
            case "subtotalPriceSet" -> checkout.subtotal();
            case "totalTaxSet" -> checkout.totalTax();
            case "totalPriceSet" -> checkout.totalPrice();
            case "lineItems" -> checkout.lineItems().stream().map(CheckoutLine::new).toList();
            default -> null;
        };
    }

    private static Object connection(Connection connection, String field) {
        return switch (field) {
            case "nodes" -> connection.nodes();
            case "edges" -> {
                List<Connection.Edge> edges = new ArrayList<>(connection.nodes().size());
                for (int i = 0; i < connection.nodes().size(); i++) {
                    edges.add(new Connection.Edge(connection.cursors().get(i), connection.nodes().get(i)));
                }
                yield edges;
            }
            case "pageInfo" -> new PageInfo(connection.hasNextPage(), connection.hasPreviousPage(),
                    connection.cursors().isEmpty() ? null : connection.cursors().get(0),
                    connection.cursors().isEmpty() ? null : connection.cursors().get(connection.cursors().size() - 1));
            default -> null;
        };
    }

    private static Object shop(ShopProfile shop, String field) {
        return switch (field) {
            case "id" -> "gid://shopify/Shop/" + shop.id();
            case "name" -> shop.name();
            case "email" -> shop.email();
            case "myshopifyDomain" -> shop.myshopifyDomain();
            case "currencyCode" -> shop.currencyCode();
            case "ianaTimezone" -> shop.ianaTimezone();
            case "timezoneAbbreviation" -> shop.timezoneAbbreviation();
            case "plan" -> new Plan(shop.planDisplayName(), shop.shopifyPlus());
            default -> null;
        };
    }

    private static Object bulkOperation(BulkOperation operation, String field) {
        return switch (field) {
            case "id" -> operation.gid();
            case "status" -> operation.status();
            case "errorCode" -> operation.errorCode();
            case "type" -> "QUERY";
            case "query" -> operation.query();
            case "objectCount" -> Long.toString(operation.objectCount());
            case "rootObjectCount" -> Long.toString(operation.rootObjectCount());
            case "fileSize" -> operation.fileSize() == null ? null : Long.toString(operation.fileSize());
            case "url" -> operation.url();
            case "partialDataUrl" -> operation.partialDataUrl();
            case "createdAt" -> dateTime(operation.createdAt());
            case "completedAt" -> dateTime(operation.completedAt());
            default -> null;
        };
    }

    private static Object subscription(WebhookSubscription subscription, String field) {
        return switch (field) {
            case "id" -> subscription.gid();
            case "topic" -> Topics.graphql(subscription.topic());
            case "format" -> subscription.format();
            case "uri", "callbackUrl" -> subscription.uri();
            case "endpoint" -> new Endpoint(subscription.uri());
            case "includeFields" -> List.of();
            case "createdAt", "updatedAt" -> dateTime(subscription.createdAt());
            default -> null;
        };
    }

    private static List<String> tags(String tags) {
        return tags.isBlank() ? List.of() : Arrays.stream(tags.split(",\\s*")).sorted().toList();
    }
}
