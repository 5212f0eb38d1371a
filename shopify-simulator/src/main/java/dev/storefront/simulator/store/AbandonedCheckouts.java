package dev.storefront.simulator.store;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Checkouts buyers abandoned; about one in twelve is later recovered (completed). */
public final class AbandonedCheckouts extends Records {

    static final long ID_BASE = 30_112_233_000_000L;
    static final long LINE_ITEM_ID_BASE = 77_000_000_000_000L;

    private final long seed;
    private final String currency;
    private final String domain;
    private final long asOf;
    private final Products products;
    private final Customers customers;
    final LongColumn customerIndex;
    final LongColumn revision;

    AbandonedCheckouts(long seed, String currency, String domain, long asOf, Products products, Customers customers, int capacity) {
        super(ID_BASE, 7, capacity);
        this.seed = seed;
        this.currency = currency;
        this.domain = domain;
        this.asOf = asOf;
        this.products = products;
        this.customers = customers;
        this.customerIndex = new LongColumn(capacity);
        this.revision = new LongColumn(capacity);
    }

    AbandonedCheckout add(long createdAtSecond, int customer) {
        int index = size();
        createdAt.add(createdAtSecond);
        updatedAt.add(createdAtSecond);
        customerIndex.add(customer);
        revision.add(0);
        AbandonedCheckout checkout = build(index, true);
        updatedAt.set(index, checkout.updatedAt());
        changed();
        return checkout;
    }

    public AbandonedCheckout get(int index) {
        return build(index, false);
    }

    private AbandonedCheckout build(int index, boolean natural) {
        SplittableRandom random = Seeds.random(seed, Seeds.CHECKOUT, index);
        long created = createdAt(index);
        int lines = 1 + random.nextInt(3);
        String buyerCurrency = random.nextInt(100) < 70 ? currency
                : PresentmentRate.BUYER_CURRENCIES[random.nextInt(PresentmentRate.BUYER_CURRENCIES.length)];
        PresentmentRate rate = PresentmentRate.between(currency, buyerCurrency);
        boolean recovered = random.nextInt(12) == 0;
        long recoverDelay = 3600 + random.nextInt(72 * 3600);
        long updateDelay = 30 + random.nextInt(900);
        String token = Long.toHexString(random.nextLong() | 1L << 62) + Long.toHexString(random.nextLong() | 1L << 62);
        String cartToken = Long.toHexString(random.nextLong() | 1L << 62);
        int productsThen = products.countCreatedBefore(created);
        List<LineItem> items = new ArrayList<>(lines);
        long subtotal = 0;
        for (int line = 0; line < lines; line++) {
            int productIndex = random.nextInt(productsThen);
            Product product = products.get(productIndex);
            ProductVariant variant = product.variants().get(random.nextInt(product.variants().size()));
            int quantity = 1 + random.nextInt(2) + (line == 0 ? (int) revision.get(index) : 0);
            long unit = variant.price().cents();
            subtotal += unit * quantity;
            items.add(new LineItem(LINE_ITEM_ID_BASE + (long) index * 4 + line, productIndex, product.id(), variant.id(),
                    product.title(), variant.title(), variant.sku(), product.vendor(), quantity, variant.grams(),
                    MoneyBag.of(unit, currency, rate), MoneyBag.of(unit, currency, rate), products.isDeleted(productIndex)));
        }
        long tax = Math.round(subtotal * 0.075);
        Long completedAt = recovered && created + recoverDelay <= asOf ? created + recoverDelay : null;
        long updated = natural
                ? Math.max(completedAt == null ? 0 : completedAt, Math.min(created + updateDelay, Math.max(asOf, created)))
                : updatedAt(index);
        int customer = (int) customerIndex.get(index);
        String email = customer >= 0 ? customers.get(customer).email() : "browsing" + index + "@example.org";
        if (customer >= 0 && customers.isDeleted(customer)) {
            customer = -1;
        }
        return new AbandonedCheckout(index, id(index), token, cartToken, email, customer, created, updated, completedAt,
                "https://" + domain + "/checkouts/ac/" + token + "/recover", currency, rate.currencyCode(), List.copyOf(items),
                MoneyBag.of(subtotal, currency, rate), MoneyBag.of(tax, currency, rate), MoneyBag.of(subtotal + tax, currency, rate));
    }
}
