package dev.storefront.simulator.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * All the data of one simulated shop, generated from a seed, and the changes made to it since.
 * Reads take the read lock; changes take the write lock. Bulk exports read without it: columns only grow,
 * so a stale read sees a consistent, slightly older store.
 */
public final class Store {

    private static final long DAY = 86_400;

    public final String domain;
    public final ZoneId zone;
    public final String currency;
    public final Customers customers;
    public final Products products;
    public final Orders orders;
    public final AbandonedCheckouts checkouts;
    public final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final long seed;
    private long activityRound;

    private Store(StoreSpec spec) {
        this.domain = spec.domain();
        this.zone = spec.zone();
        this.currency = spec.currency();
        this.seed = spec.seed();
        long asOf = spec.asOf().getEpochSecond();
        this.customers = new Customers(seed, currency, spec.customers());
        this.products = new Products(seed, currency, spec.products());
        this.orders = new Orders(seed, currency, asOf, products, customers, spec.orders());
        this.checkouts = new AbandonedCheckouts(seed, currency, domain, asOf, products, customers, spec.checkouts());
    }

    /** Generates a store; the same spec gives the same store, byte for byte. */
    public static Store generate(StoreSpec spec) {
        Store store = new Store(spec);
        Instant asOf = spec.asOf();
        Instant start = asOf.minus(Duration.ofDays(730));
        SplittableRandom timeline = Seeds.random(spec.seed(), Seeds.TIMELINE, 0);

        DemandCurve customerCurve = new DemandCurve(start.minus(Duration.ofDays(60)), asOf, spec.zone());
        for (long second : customerCurve.sample(spec.customers(), timeline)) {
            store.customers.add(second);
        }
        long productStart = start.getEpochSecond() - 365 * DAY;
        long productSpan = 300 * DAY + 365 * DAY;
        long[] productTimes = new long[Math.max(1, spec.products())];
        for (int i = 0; i < productTimes.length; i++) {
            productTimes[i] = productStart + (long) ((i + timeline.nextDouble()) / productTimes.length * productSpan);
        }
        for (long created : productTimes) {
            long updated = Math.min(asOf.getEpochSecond(), created + timeline.nextLong(120 * DAY));
            store.products.add(created, Math.max(created, updated));
        }
        DemandCurve orderCurve = new DemandCurve(start, asOf, spec.zone());
        long[] orderTimes = orderCurve.sample(spec.orders(), timeline);
        for (long created : orderTimes) {
            store.placeOrder(created, timeline);
        }
        long[] checkoutTimes = orderCurve.sample(spec.checkouts(), timeline);
        for (long created : checkoutTimes) {
            store.abandonCheckout(created, timeline);
        }
        return store;
    }

    private Order placeOrder(long created, SplittableRandom random) {
        int existing = customers.countCreatedBefore(created);
        boolean guest = random.nextInt(100) < 12 || existing == 0;
        int customer = guest ? -1 : random.nextInt(existing);
        if (customer >= 0 && customers.isDeleted(customer)) {
            customer = -1;
        }
        Order order = orders.add(created, customer);
        if (customer >= 0 && !order.test() && order.cancelledAt() == null) {
            customers.recordOrder(customer, order.totalPrice().shopMoney().cents(), created);
        }
        return order;
    }

    private AbandonedCheckout abandonCheckout(long created, SplittableRandom random) {
        int existing = customers.countCreatedBefore(created);
        int customer = random.nextInt(100) < 30 || existing == 0 ? -1 : random.nextInt(existing);
        return checkouts.add(created, customer);
    }

    /**
     * Makes changes happen now, in the order a busy shop would make them, and returns what happened.
     */
    public List<StoreChange> apply(int newOrders, int customerUpdates, int productUpdates, int newCheckouts,
                                   int refunds, int cancellations, int deletions, long now) {
        lock.writeLock().lock();
        try {
            SplittableRandom random = Seeds.random(seed, Seeds.ACTIVITY, activityRound++);
            List<StoreChange> changes = new ArrayList<>();
            for (int i = 0; i < newOrders; i++) {
                if (random.nextInt(10) < 3 || customers.size() == 0) {
                    customers.add(now);
                    changes.add(new StoreChange("customers/create", customers.get(customers.size() - 1)));
                }
                Order order = placeOrder(now, random);
                changes.add(new StoreChange("orders/create", order));
                if (!order.displayFinancialStatus().equals("PENDING")) {
                    changes.add(new StoreChange("orders/paid", order));
                }
                if (order.customerIndex() >= 0) {
                    changes.add(new StoreChange("customers/update", customers.get(order.customerIndex())));
                }
            }
            for (int i = 0; i < customerUpdates && customers.liveCount() > 0; i++) {
                int index = pickLive(customers, random);
                customers.revision.set(index, customers.revision.get(index) + 1);
                customers.touch(index, now);
                changes.add(new StoreChange("customers/update", customers.get(index)));
            }
            for (int i = 0; i < productUpdates && products.liveCount() > 0; i++) {
                int index = pickLive(products, random);
                products.revision.set(index, products.revision.get(index) + 1);
                products.touch(index, now);
                changes.add(new StoreChange("products/update", products.get(index)));
            }
            for (int i = 0; i < newCheckouts; i++) {
                changes.add(new StoreChange("checkouts/create", abandonCheckout(now, random)));
                // buyers come back to some open checkouts (an email added, a quantity changed)
                if (i % 2 == 1 && checkouts.size() > 1) {
                    int index = pickLive(checkouts, random);
                    checkouts.revision.set(index, checkouts.revision.get(index) + 1);
                    checkouts.touch(index, now);
                    changes.add(new StoreChange("checkouts/update", checkouts.get(index)));
                }
            }
            for (int i = 0; i < refunds && orders.liveCount() > 0; i++) {
                int index = pickRefundable(random);
                if (index < 0) {
                    break;
                }
                orders.refund(index, now);
                Order order = orders.get(index);
                Refund refund = order.refunds().get(order.refunds().size() - 1);
                changes.add(new StoreChange("refunds/create", new StoreChange.OrderRefund(order, refund)));
                changes.add(new StoreChange("orders/updated", order));
            }
            for (int i = 0; i < cancellations && orders.liveCount() > 0; i++) {
                int index = pickLive(orders, random);
                if (orders.get(index).cancelledAt() != null) {
                    continue;
                }
                orders.cancel(index, now);
                Order order = orders.get(index);
                changes.add(new StoreChange("orders/cancelled", order));
                changes.add(new StoreChange("orders/updated", order));
            }
            for (int i = 0; i < deletions; i++) {
                Records records = switch (i % 4) {
                    case 0 -> orders;
                    case 1 -> products;
                    case 2 -> checkouts;
                    default -> customers;
                };
                if (records.liveCount() == 0) {
                    continue;
                }
                int index = records == customers ? customerWithoutOrders(random) : pickLive(records, random);
                if (index < 0) {
                    continue;
                }
                records.markDeleted(index);
                String topic = records == orders ? "orders/delete" : records == products ? "products/delete"
                        : records == checkouts ? "checkouts/delete" : "customers/delete";
                changes.add(new StoreChange(topic, records.id(index)));
            }
            return changes;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Shopify refuses to delete a customer who has orders, so only those without any go. */
    private int customerWithoutOrders(SplittableRandom random) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int index = pickLive(customers, random);
            if (customers.ordersCount.get(index) == 0) {
                return index;
            }
        }
        return -1;
    }

    private int pickRefundable(SplittableRandom random) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int index = pickLive(orders, random);
            Order order = orders.get(index);
            if (order.cancelledAt() == null && order.refunds().size() < order.lineItems().size()
                    && !order.displayFinancialStatus().equals("PENDING")) {
                return index;
            }
        }
        return -1;
    }

    /** Recent records change more often than old ones, as in a real shop. */
    private static int pickLive(Records records, SplittableRandom random) {
        int n = records.size();
        for (int attempt = 0; attempt < 100; attempt++) {
            int index = random.nextInt(4) == 0 ? random.nextInt(n) : n - 1 - random.nextInt(Math.min(n, 200));
            if (!records.isDeleted(index)) {
                return index;
            }
        }
        for (int index = n - 1; index >= 0; index--) {
            if (!records.isDeleted(index)) {
                return index;
            }
        }
        throw new IllegalStateException("no live record");
    }

    /** Walks the whole store; exact, and linear in its size. */
    public StoreSummary summary(boolean withIds) {
        lock.readLock().lock();
        try {
            int liveOrders = 0;
            int lineItems = 0;
            int refunds = 0;
            int cancelled = 0;
            int test = 0;
            int guest = 0;
            long total = 0;
            long refunded = 0;
            long maxId = 0;
            List<Long> orderIds = new ArrayList<>();
            for (int i = 0; i < orders.size(); i++) {
                if (orders.isDeleted(i)) {
                    continue;
                }
                Order order = orders.get(i);
                liveOrders++;
                lineItems += order.lineItems().size();
                refunds += order.refunds().size();
                cancelled += order.cancelledAt() != null ? 1 : 0;
                test += order.test() ? 1 : 0;
                guest += order.customerIndex() < 0 ? 1 : 0;
                total += order.totalPrice().shopMoney().cents();
                refunded += order.totalRefunded().shopMoney().cents();
                maxId = Math.max(maxId, order.id());
                if (withIds) {
                    orderIds.add(order.id());
                }
            }
            int variants = 0;
            for (int i = 0; i < products.size(); i++) {
                if (!products.isDeleted(i)) {
                    variants += products.get(i).variants().size();
                }
            }
            return new StoreSummary(domain, customers.liveCount(), products.liveCount(), variants, liveOrders, lineItems,
                    refunds, cancelled, test, guest, checkouts.liveCount(),
                    BigDecimal.valueOf(total, Currencies.fractionDigits(currency)).toPlainString(),
                    BigDecimal.valueOf(refunded, Currencies.fractionDigits(currency)).toPlainString(), currency,
                    maxId, withIds ? orderIds : null, withIds ? liveIds(customers) : null, withIds ? liveIds(products) : null,
                    withIds ? liveIds(checkouts) : null);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static List<Long> liveIds(Records records) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!records.isDeleted(i)) {
                ids.add(records.id(i));
            }
        }
        return ids;
    }
}
