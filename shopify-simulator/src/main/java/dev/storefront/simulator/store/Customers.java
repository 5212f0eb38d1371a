package dev.storefront.simulator.store;

import java.util.SplittableRandom;

/** The shop's customers: timestamps and order totals in columns, names regenerated from the seed. */
public final class Customers extends Records {

    static final long ID_BASE = 6_934_001_000_000L;

    private final long seed;
    private final String currency;
    final LongColumn ordersCount;
    final LongColumn amountSpentCents;
    final LongColumn revision;

    Customers(long seed, String currency, int capacity) {
        super(ID_BASE, 101, capacity);
        this.seed = seed;
        this.currency = currency;
        this.ordersCount = new LongColumn(capacity);
        this.amountSpentCents = new LongColumn(capacity);
        this.revision = new LongColumn(capacity);
    }

    void add(long createdAtSecond) {
        createdAt.add(createdAtSecond);
        updatedAt.add(createdAtSecond);
        ordersCount.add(0);
        amountSpentCents.add(0);
        revision.add(0);
        changed();
    }

    /** How many customers existed at that second (customers are created in time order). */
    int countCreatedBefore(long second) {
        int lo = 0;
        int hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (createdAt(mid) <= second) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void recordOrder(int index, long totalCents, long orderCreatedAt) {
        ordersCount.set(index, ordersCount.get(index) + 1);
        amountSpentCents.set(index, amountSpentCents.get(index) + totalCents);
        if (orderCreatedAt > updatedAt.get(index)) {
            updatedAt.set(index, orderCreatedAt);
            changed();
        }
    }

    public Customer get(int index) {
        SplittableRandom random = Seeds.random(seed, Seeds.CUSTOMER, index);
        int firstName = random.nextInt(SampleNames.FIRST.length);
        int lastName = random.nextInt(SampleNames.LAST.length);
        String first = SampleNames.FIRST[firstName];
        String last = SampleNames.LAST[lastName];
        String email = SampleNames.FIRST_ASCII[firstName] + "." + SampleNames.LAST_ASCII[lastName] + index + "@example.com";
        int stateRoll = random.nextInt(10);
        String state = stateRoll < 7 ? "ENABLED" : stateRoll < 9 ? "DISABLED" : "INVITED";
        String tags = SampleNames.CUSTOMER_TAGS[random.nextInt(SampleNames.CUSTOMER_TAGS.length)];
        long rev = revision.get(index);
        if (rev > 0) {
            tags = tags.isEmpty() ? "returning" : tags + ", returning";
        }
        String phone = random.nextInt(3) == 0 ? "+1555" + (1_000_000 + random.nextInt(8_999_999)) : null;
        return new Customer(index, id(index), first, last, email, phone, state, tags, random.nextInt(10) > 0,
                createdAt(index), updatedAt(index), ordersCount.get(index), new Money(amountSpentCents.get(index), currency));
    }
}
