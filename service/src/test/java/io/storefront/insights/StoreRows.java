package io.storefront.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Raw rows of one store, made up at random from a seed, inserted with plain SQL and kept for the expected figures. */
final class StoreRows {

    record Customer(long id, String email, String firstName, String lastName) {}

    record Product(long id, String title, String productType) {}

    record Order(long id, @Nullable Long customerId, Instant processedAt, @Nullable Instant cancelledAt, boolean test,
            BigDecimal totalPrice, BigDecimal subtotalPrice, BigDecimal totalDiscounts, BigDecimal totalRefunded) {}

    record Item(long id, long orderId, @Nullable Long productId, String title, int quantity, BigDecimal price) {}

    record Refund(long id, long orderId, Instant createdAt, BigDecimal amount) {}

    record Checkout(long id, @Nullable Long customerId, @Nullable String email, Instant createdAt,
            @Nullable Instant completedAt, BigDecimal totalPrice, String url) {}

    final UUID tenant;
    final List<Customer> customers = new ArrayList<>();
    final List<Product> products = new ArrayList<>();
    /** Products line items point at that are no longer in the catalog: their items keep their own title. */
    final List<Product> goneProducts = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();
    final List<Item> items = new ArrayList<>();
    final List<Refund> refunds = new ArrayList<>();
    final List<Checkout> checkouts = new ArrayList<>();

    StoreRows(UUID tenant) {
        this.tenant = tenant;
    }

    /** {@code orderCount} orders at random instants in [from, until), with every kind of order the figures treat apart. */
    static StoreRows random(UUID tenant, long seed, Instant from, Instant until, int orderCount) {
        Random random = new Random(seed);
        StoreRows rows = new StoreRows(tenant);
        for (long c = 1; c <= 40; c++) {
            rows.customers.add(new Customer(9_007_199_254_740_000L + c, "c" + c + "@example.com", "First" + c, "Last" + c));
        }
        String[] types = {"Shirts", "Hats", "Mugs", ""};
        for (long p = 1; p <= 16; p++) {
            rows.products.add(new Product(8_000_000_000_000L + p, "Product " + p, types[(int) (p % types.length)]));
        }
        rows.goneProducts.add(new Product(8_000_000_000_100L, "Retired tee", ""));
        long span = Duration.between(from, until).getSeconds();
        for (long o = 1; o <= orderCount; o++) {
            Instant processed = from.plusSeconds((long) (random.nextDouble() * span));
            Long customer = random.nextInt(8) == 0 ? null : rows.customers.get(random.nextInt(rows.customers.size())).id();
            boolean cancelled = random.nextInt(12) == 0;
            boolean test = random.nextInt(15) == 0;
            BigDecimal subtotal = BigDecimal.ZERO;
            long orderId = 5_000_000_000_000L + o;
            int lines = 1 + random.nextInt(3);
            for (int l = 0; l < lines; l++) {
                int pick = random.nextInt(20);
                Long productId;
                String title;
                if (pick < 16) {
                    productId = rows.products.get(pick).id();
                    title = "Line " + pick;
                } else if (pick < 18) {
                    productId = rows.goneProducts.get(0).id();
                    title = "Retired tee";
                } else {
                    productId = null;
                    title = pick == 18 ? "Gift wrap" : "Engraving";
                }
                int quantity = 1 + random.nextInt(4);
                BigDecimal price = money(random, 1, 80);
                rows.items.add(new Item(orderId * 10 + l, orderId, productId, title, quantity, price));
                subtotal = subtotal.add(price.multiply(BigDecimal.valueOf(quantity)));
            }
            BigDecimal discounts = random.nextInt(4) == 0 ? money(random, 0, 5) : BigDecimal.ZERO;
            subtotal = subtotal.subtract(discounts);
            BigDecimal total = subtotal.add(money(random, 0, 10));
            BigDecimal refunded = BigDecimal.ZERO;
            if (random.nextInt(6) == 0) {
                BigDecimal amount = total.multiply(BigDecimal.valueOf(random.nextInt(100) + 1))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
                Instant at = processed.plusSeconds(random.nextInt(20 * 86_400));
                rows.refunds.add(new Refund(orderId + 7, orderId, at, amount));
                refunded = amount;
            }
            Instant cancelledAt = cancelled ? processed.plusSeconds(random.nextInt(5 * 86_400)) : null;
            rows.orders.add(new Order(orderId, customer, processed, cancelledAt, test, total, subtotal, discounts, refunded));
        }
        for (long k = 1; k <= orderCount / 2; k++) {
            Instant created = from.plusSeconds((long) (random.nextDouble() * span));
            int kind = random.nextInt(4);
            Instant completed = switch (kind) {
                case 0 -> created.plusSeconds(60L * random.nextInt(60));  // completed within the window
                case 1 -> created.plusSeconds(3_660L + random.nextInt(86_400)); // completed after it: abandoned, recovered
                default -> null;
            };
            Customer customer = random.nextBoolean() ? rows.customers.get(random.nextInt(rows.customers.size())) : null;
            rows.checkouts.add(new Checkout(7_000_000_000_000L + k, customer == null ? null : customer.id(),
                    customer == null ? "guest" + k + "@example.com" : null, created, completed, money(random, 5, 300),
                    "https://shop.example/recover/" + k));
        }
        return rows;
    }

    private static BigDecimal money(Random random, int min, int max) {
        return BigDecimal.valueOf(min * 100L + random.nextInt((max - min) * 100 + 1), 2);
    }

    void insert(JdbcClient jdbc) {
        for (Customer c : customers) {
            jdbc.sql("insert into customers (tenant_id, shopify_id, email, first_name, last_name, updated_at) values (?, ?, ?, ?, ?, now())")
                    .params(tenant, c.id(), c.email(), c.firstName(), c.lastName()).update();
        }
        for (Product p : products) {
            jdbc.sql("insert into products (tenant_id, shopify_id, title, product_type, updated_at) values (?, ?, ?, ?, now())")
                    .params(tenant, p.id(), p.title(), p.productType()).update();
        }
        // items first for half of the orders: a sync may write children before their order
        int half = orders.size() / 2;
        insertItems(jdbc, items.stream().filter(i -> i.orderId() <= orders.get(half).id()).toList());
        for (Order o : orders) {
            insertOrder(jdbc, o);
        }
        insertItems(jdbc, items.stream().filter(i -> i.orderId() > orders.get(half).id()).toList());
        for (Refund r : refunds) {
            jdbc.sql("insert into refunds (tenant_id, shopify_id, order_id, created_at, amount) values (?, ?, ?, ?, ?)")
                    .params(tenant, r.id(), r.orderId(), Timestamp.from(r.createdAt()), r.amount()).update();
        }
        for (Checkout k : checkouts) {
            jdbc.sql("""
                    insert into checkouts (tenant_id, shopify_id, email, customer_id, created_at, updated_at, completed_at,
                                           currency, total_price, abandoned_checkout_url, line_items)
                    values (?, ?, ?, ?, ?, now(), ?, 'USD', ?, ?, '[{"title":"Mug","quantity":1}]'::jsonb)
                    """)
                    .params(tenant, k.id(), k.email(), k.customerId(), Timestamp.from(k.createdAt()),
                            k.completedAt() == null ? null : Timestamp.from(k.completedAt()), k.totalPrice(), k.url())
                    .update();
        }
    }

    void insertOrder(JdbcClient jdbc, Order o) {
        jdbc.sql("""
                insert into orders (tenant_id, shopify_id, name, customer_id, created_at, updated_at, processed_at, cancelled_at,
                                    test, currency, total_price, subtotal_price, total_discounts, total_refunded)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?)
                """)
                .params(tenant, o.id(), "#" + o.id(), o.customerId(), Timestamp.from(o.processedAt()),
                        Timestamp.from(o.processedAt()), Timestamp.from(o.processedAt()),
                        o.cancelledAt() == null ? null : Timestamp.from(o.cancelledAt()), o.test(), o.totalPrice(),
                        o.subtotalPrice(), o.totalDiscounts(), o.totalRefunded())
                .update();
    }

    private void insertItems(JdbcClient jdbc, List<Item> list) {
        for (Item i : list) {
            jdbc.sql("insert into order_items (tenant_id, shopify_id, order_id, product_id, title, quantity, price) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(tenant, i.id(), i.orderId(), i.productId(), i.title(), i.quantity(), i.price()).update();
        }
    }
}
