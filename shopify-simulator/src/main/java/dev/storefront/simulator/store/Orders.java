package dev.storefront.simulator.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shop's orders. Only what the simulator cannot recompute is stored (timestamps, the customer, and
 * changes made after generation); everything else is regenerated from the order's own random stream.
 */
public final class Orders extends Records {

    /** 2^53 + 1: every order id is beyond what a double holds exactly, and odd ones are not representable at all. */
    static final long ID_BASE = 9_007_199_254_740_993L;
    static final long LINE_ITEM_ID_BASE = 9_007_199_254_740_993L + 2;
    static final long REFUND_ID_BASE = 980_123_000_000L;
    static final int MAX_LINES = 4;
    private static final long TAX_PER_MILLE = 75;

    private final long seed;
    private final String currency;
    private final long asOf;
    private final Products products;
    private final Customers customers;
    final LongColumn customerIndex;
    // concurrent maps: bulk exports read orders without the store lock while activity changes them
    private final Map<Integer, Long> cancellations = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Integer, List<Long>> laterRefunds = new java.util.concurrent.ConcurrentHashMap<>();

    Orders(long seed, String currency, long asOf, Products products, Customers customers, int capacity) {
        super(ID_BASE, 4099, capacity);
        this.seed = seed;
        this.currency = currency;
        this.asOf = asOf;
        this.products = products;
        this.customers = customers;
        this.customerIndex = new LongColumn(capacity);
    }

    /** Appends an order and returns it with its natural updated_at stored. */
    Order add(long createdAtSecond, int customer) {
        int index = size();
        createdAt.add(createdAtSecond);
        updatedAt.add(createdAtSecond);
        customerIndex.add(customer);
        Order order = build(index, true);
        updatedAt.set(index, order.updatedAt());
        changed();
        return order;
    }

    @Override
    long processedAt(int index) {
        return createdAt(index) - 1;
    }

    void cancel(int index, long second) {
        cancellations.put(index, second);
        touch(index, second);
    }

    void refund(int index, long second) {
        laterRefunds.merge(index, List.of(second), (old, added) -> {
            List<Long> all = new ArrayList<>(old);
            all.addAll(added);
            return List.copyOf(all);
        });
        touch(index, second);
    }

    public Order get(int index) {
        return build(index, false);
    }

    public long lineItemId(int orderIndex, int line) {
        return LINE_ITEM_ID_BASE + ((long) orderIndex * MAX_LINES + line) * 3;
    }

    /** The order index of a line item id, or -1. */
    public int orderIndexOfLineItem(long lineItemId) {
        long offset = lineItemId - LINE_ITEM_ID_BASE;
        if (offset < 0 || offset % 3 != 0) {
            return -1;
        }
        long index = offset / 3 / MAX_LINES;
        return index >= size() || isDeleted((int) index) ? -1 : (int) index;
    }

    private Order build(int index, boolean natural) {
        SplittableRandom random = Seeds.random(seed, Seeds.ORDER, index);
        long created = createdAt(index);
        int lines = 1 + random.nextInt(MAX_LINES);
        long discountPercent = random.nextInt(5) == 0 ? (random.nextBoolean() ? 10 : 15) : 0;
        String buyerCurrency = random.nextInt(100) < 65 ? currency
                : PresentmentRate.BUYER_CURRENCIES[random.nextInt(PresentmentRate.BUYER_CURRENCIES.length)];
        PresentmentRate rate = PresentmentRate.between(currency, buyerCurrency);
        boolean test = random.nextInt(100) == 0;
        boolean pending = random.nextInt(50) == 0;
        int cancelRoll = random.nextInt(100);
        long cancelDelay = 3600 + random.nextInt(48 * 3600);
        int refundRoll = random.nextInt(100);
        long refundDelay = 86_400 + random.nextInt(20 * 86_400);
        long updateDelay = 5 + random.nextInt(600);
        long tokenBits = random.nextLong();
        int browserHost = random.nextInt(256) << 8 | (1 + random.nextInt(254));
        String sourceName = random.nextInt(10) == 0 ? "pos" : "web";
        int productsThen = products.countCreatedBefore(created);

        List<LineItem> lineItems = new ArrayList<>(lines);
        long lineTotal = 0;
        long subtotal = 0;
        for (int line = 0; line < lines; line++) {
            int productIndex = random.nextInt(productsThen);
            Product product = products.get(productIndex);
            ProductVariant variant = product.variants().get(random.nextInt(product.variants().size()));
            int quantity = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            long unit = variant.price().cents();
            long discounted = unit - unit * discountPercent / 100;
            lineTotal += unit * quantity;
            subtotal += discounted * quantity;
            lineItems.add(new LineItem(lineItemId(index, line), productIndex, product.id(), variant.id(), product.title(),
                    variant.title(), variant.sku(), product.vendor(), quantity, variant.grams(),
                    MoneyBag.of(unit, currency, rate), MoneyBag.of(discounted, currency, rate), products.isDeleted(productIndex)));
        }
        long shipping = subtotal >= 10_000 ? 0 : 599;
        long tax = Math.round(subtotal * TAX_PER_MILLE / 1000.0);
        long total = subtotal + shipping + tax;

        Long cancelledAt = cancellations.get(index);
        if (cancelledAt == null && cancelRoll < 3 && created + cancelDelay <= asOf) {
            cancelledAt = created + cancelDelay;
        }
        List<Long> refundTimes = new ArrayList<>();
        if (cancelledAt == null && !pending && refundRoll < 6 && created + refundDelay <= asOf) {
            refundTimes.add(created + refundDelay);
        }
        refundTimes.addAll(laterRefunds.getOrDefault(index, List.of()));
        List<Refund> refunds = new ArrayList<>();
        long refunded = 0;
        for (int k = 0; k < refundTimes.size() && k < lineItems.size(); k++) {
            LineItem item = lineItems.get(k);
            long amount = item.discountedTotalCents();
            refunded += amount;
            refunds.add(new Refund(REFUND_ID_BASE + (long) index * MAX_LINES + k, refundTimes.get(k), item.id(), item.quantity(),
                    MoneyBag.of(amount, currency, rate), MoneyBag.of(amount, currency, rate), MoneyBag.of(0, currency, rate)));
        }
        String status = cancelledAt != null ? "VOIDED" : pending ? "PENDING"
                : refunded == 0 ? "PAID" : refunded >= subtotal ? "REFUNDED" : "PARTIALLY_REFUNDED";
        long updated;
        if (natural) {
            updated = Math.min(created + updateDelay, Math.max(asOf, created));
            if (cancelledAt != null) {
                updated = Math.max(updated, cancelledAt);
            }
            for (Refund refund : refunds) {
                updated = Math.max(updated, refund.createdAt());
            }
        } else {
            updated = updatedAt(index);
        }
        int customer = (int) customerIndex.get(index);
        String email = customer >= 0 ? customers.get(customer).email()
                : random.nextInt(10) == 0 ? null : "guest" + index + "@example.net";
        if (customer >= 0 && customers.isDeleted(customer)) {
            customer = -1;
        }
        int number = index + 1;
        return new Order(index, id(index), number, "#" + (number + 1000), email, created, updated, processedAt(index),
                cancelledAt, cancelledAt == null ? null : "CUSTOMER", test, currency, rate.currencyCode(), status, customer,
                List.copyOf(lineItems), List.copyOf(refunds), discountPercent,
                MoneyBag.of(lineTotal, currency, rate), MoneyBag.of(subtotal, currency, rate),
                MoneyBag.of(lineTotal - subtotal, currency, rate), MoneyBag.of(shipping, currency, rate),
                MoneyBag.of(tax, currency, rate), MoneyBag.of(total, currency, rate), MoneyBag.of(refunded, currency, rate),
                MoneyBag.of(cancelledAt != null ? 0 : total - refunded, currency, rate), tokenBits, browserHost, sourceName);
    }
}
