package io.storefront.insights;

import io.storefront.insights.StoreRows.Checkout;
import io.storefront.insights.StoreRows.Item;
import io.storefront.insights.StoreRows.Order;
import io.storefront.insights.StoreRows.Product;
import io.storefront.insights.StoreRows.Refund;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The figures docs/insights.md defines, computed row by row in Java from the rows a test inserted. */
final class ExpectedFigures {

    record Day(LocalDate date, long orders, BigDecimal revenue) {}

    record TopCustomer(long customerId, BigDecimal revenue, long orders) {}

    record ProductLine(String key, String title, String productType, long units, BigDecimal revenue) {}

    final List<Order> included;
    final BigDecimal revenue;
    final BigDecimal refunds;
    final long customers;
    final long repeatCustomers;
    final long newCustomers;
    final List<Day> days = new ArrayList<>();
    final List<TopCustomer> topCustomers;
    final List<ProductLine> products;
    final long abandoned;
    final BigDecimal abandonedValue;
    final long completedCheckouts;
    final long recoverable;
    final BigDecimal recoverableValue;
    final BigDecimal grossSales;
    final BigDecimal discounts;
    final BigDecimal returns;

    ExpectedFigures(StoreRows rows, ZoneId zone, LocalDate start, LocalDate end, Instant now) {
        Instant from = start.atStartOfDay(zone).toInstant();
        Instant until = end.plusDays(1).atStartOfDay(zone).toInstant();
        Map<Long, Order> ordersById = rows.orders.stream().collect(Collectors.toMap(Order::id, o -> o));
        included = rows.orders.stream()
                .filter(o -> !o.test() && o.cancelledAt() == null && within(o.processedAt(), from, until))
                .toList();
        revenue = included.stream().map(Order::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
        refunds = rows.refunds.stream()
                .filter(r -> within(r.createdAt(), from, until) && !ordersById.get(r.orderId()).test())
                .map(Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);

        Map<Long, long[]> ordersPerCustomer = new HashMap<>();
        Map<Long, BigDecimal> revenuePerCustomer = new HashMap<>();
        for (Order o : included) {
            if (o.customerId() != null) {
                ordersPerCustomer.computeIfAbsent(o.customerId(), c -> new long[1])[0]++;
                revenuePerCustomer.merge(o.customerId(), o.totalPrice(), BigDecimal::add);
            }
        }
        customers = ordersPerCustomer.size();
        repeatCustomers = ordersPerCustomer.values().stream().filter(n -> n[0] >= 2).count();
        Map<Long, Instant> firstOrder = new HashMap<>();
        for (Order o : rows.orders) {
            if (!o.test() && o.cancelledAt() == null && o.customerId() != null) {
                firstOrder.merge(o.customerId(), o.processedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        newCustomers = firstOrder.values().stream().filter(at -> within(at, from, until)).count();
        topCustomers = ordersPerCustomer.keySet().stream()
                .map(c -> new TopCustomer(c, revenuePerCustomer.get(c), ordersPerCustomer.get(c)[0]))
                .sorted(Comparator.comparing(TopCustomer::revenue).reversed()
                        .thenComparing(Comparator.comparingLong(TopCustomer::orders).reversed())
                        .thenComparingLong(TopCustomer::customerId))
                .toList();

        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            LocalDate date = d;
            List<Order> that = included.stream()
                    .filter(o -> o.processedAt().atZone(zone).toLocalDate().equals(date)).toList();
            days.add(new Day(date, that.size(),
                    that.stream().map(Order::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add)));
        }

        Map<Long, Product> catalog = rows.products.stream().collect(Collectors.toMap(Product::id, p -> p));
        Map<Long, Order> includedById = included.stream().collect(Collectors.toMap(Order::id, o -> o));
        Map<String, ProductLine> lines = new LinkedHashMap<>();
        for (Item i : rows.items) {
            if (!includedById.containsKey(i.orderId())) {
                continue;
            }
            String key = i.productId() == null ? "custom:" + i.title() : Long.toString(i.productId());
            Product product = i.productId() == null ? null : catalog.get(i.productId());
            String title = product == null ? i.title() : product.title();
            String type = product == null ? "" : product.productType();
            BigDecimal value = i.price().multiply(BigDecimal.valueOf(i.quantity()));
            lines.merge(key, new ProductLine(key, title, type, i.quantity(), value),
                    (a, b) -> new ProductLine(a.key(), a.title(), a.productType(), a.units() + b.units(),
                            a.revenue().add(b.revenue())));
        }
        products = lines.values().stream()
                .sorted(Comparator.comparing(ProductLine::revenue).reversed()).toList();

        Duration window = Duration.ofMinutes(60);
        List<Checkout> created = rows.checkouts.stream().filter(k -> within(k.createdAt(), from, until)).toList();
        List<Checkout> abandonedOnes = created.stream().filter(k -> k.completedAt() == null
                ? !k.createdAt().isAfter(now.minus(window))
                : k.completedAt().isAfter(k.createdAt().plus(window))).toList();
        abandoned = abandonedOnes.size();
        abandonedValue = abandonedOnes.stream().map(Checkout::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
        completedCheckouts = created.stream().filter(k -> k.completedAt() != null
                && !k.completedAt().isAfter(k.createdAt().plus(window))).count();
        List<Checkout> open = abandonedOnes.stream().filter(k -> k.completedAt() == null).toList();
        recoverable = open.size();
        recoverableValue = open.stream().map(Checkout::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add);

        List<Order> booked = rows.orders.stream().filter(o -> !o.test() && within(o.processedAt(), from, until)).toList();
        grossSales = booked.stream().map(o -> o.subtotalPrice().add(o.totalDiscounts())).reduce(BigDecimal.ZERO, BigDecimal::add);
        discounts = booked.stream().map(Order::totalDiscounts).reduce(BigDecimal.ZERO, BigDecimal::add);
        returns = refunds.add(rows.orders.stream()
                .filter(o -> !o.test() && o.cancelledAt() != null && within(o.cancelledAt(), from, until))
                .map(o -> o.totalPrice().subtract(o.totalRefunded())).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    static boolean within(Instant at, Instant from, Instant until) {
        return !at.isBefore(from) && at.isBefore(until);
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String ratio(long part, long whole) {
        return whole == 0 ? "0.0000"
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).toPlainString();
    }

    long orders() {
        return included.size();
    }

    static <T> T require(T value) {
        return Objects.requireNonNull(value);
    }
}
