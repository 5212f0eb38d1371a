package dev.storefront.simulator.store;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The shop's products; variants are regenerated with their product. */
public final class Products extends Records {

    static final long ID_BASE = 8_123_456_000_000L;
    static final long VARIANT_ID_BASE = 44_123_456_000_000L;
    static final int MAX_VARIANTS = 4;

    private final long seed;
    private final String currency;
    final LongColumn revision;

    Products(long seed, String currency, int capacity) {
        super(ID_BASE, 97, capacity);
        this.seed = seed;
        this.currency = currency;
        this.revision = new LongColumn(capacity);
    }

    void add(long createdAtSecond, long updatedAtSecond) {
        createdAt.add(createdAtSecond);
        updatedAt.add(updatedAtSecond);
        revision.add(0);
        changed();
    }

    public static long variantId(int productIndex, int position) {
        return VARIANT_ID_BASE + (long) productIndex * MAX_VARIANTS + position - 1;
    }

    /** The product index of a variant id, or -1. */
    public int productIndexOfVariant(long variantId) {
        long offset = variantId - VARIANT_ID_BASE;
        if (offset < 0 || offset / MAX_VARIANTS >= size()) {
            return -1;
        }
        int index = (int) (offset / MAX_VARIANTS);
        return isDeleted(index) || offset % MAX_VARIANTS >= variantCount(index) ? -1 : index;
    }

    int variantCount(int index) {
        SplittableRandom random = Seeds.random(seed, Seeds.PRODUCT, index);
        random.nextInt();
        return 1 + random.nextInt(MAX_VARIANTS);
    }

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
        return Math.max(1, lo);
    }

    /** A variant's price without building the whole product (orders ask for it millions of times). */
    long priceCents(int index, int position) {
        SplittableRandom random = Seeds.random(seed, Seeds.PRODUCT, index);
        int nameRoll = random.nextInt();
        random.nextInt(MAX_VARIANTS);
        long base = 500 + random.nextInt(240) * 100L + (nameRoll & 1) * 99 - (nameRoll & 1);
        return base + (position - 1) * 500L;
    }

    /** Products are few and read for every line item, so built ones are kept until they change. */
    private volatile Product[] built = new Product[0];

    public Product get(int index) {
        Product[] cache = built;
        if (index < cache.length) {
            Product hit = cache[index];
            if (hit != null && hit.updatedAt() == updatedAt(index)) {
                return hit;
            }
        }
        Product product = build(index);
        if (index >= cache.length) {
            cache = java.util.Arrays.copyOf(cache, Math.max(size(), index + 1));
            built = cache;
        }
        cache[index] = product;
        return product;
    }

    private Product build(int index) {
        SplittableRandom random = Seeds.random(seed, Seeds.PRODUCT, index);
        int nameRoll = random.nextInt();
        int variants = 1 + random.nextInt(MAX_VARIANTS);
        long base = 500 + random.nextInt(240) * 100L + (nameRoll & 1) * 99 - (nameRoll & 1);
        String title = SampleNames.ADJECTIVES[Math.floorMod(nameRoll >> 1, SampleNames.ADJECTIVES.length)] + " "
                + SampleNames.NOUNS[Math.floorMod(nameRoll >> 8, SampleNames.NOUNS.length)];
        long rev = revision.get(index);
        if (rev > 0) {
            title = title + " v" + (rev + 1);
        }
        String productType = SampleNames.PRODUCT_TYPES[random.nextInt(SampleNames.PRODUCT_TYPES.length)];
        String vendor = SampleNames.VENDORS[random.nextInt(SampleNames.VENDORS.length)];
        int statusRoll = random.nextInt(20);
        String status = statusRoll < 18 ? "ACTIVE" : statusRoll < 19 ? "DRAFT" : "ARCHIVED";
        String[] options = random.nextBoolean() ? SampleNames.SIZES : SampleNames.COLOURS;
        int grams = 100 + random.nextInt(900);
        List<ProductVariant> list = new ArrayList<>(variants);
        String skuStem = SampleNames.ascii(title).toUpperCase();
        skuStem = skuStem.substring(0, Math.min(6, skuStem.length()));
        for (int position = 1; position <= variants; position++) {
            String option = variants == 1 ? "Default Title" : options[position - 1];
            list.add(new ProductVariant(variantId(index, position), index, id(index), position, option,
                    skuStem + "-" + index + "-" + position, new Money(base + (position - 1) * 500L, currency), grams,
                    createdAt(index), updatedAt(index)));
        }
        String tags = productType.isEmpty() ? "" : productType.toLowerCase() + ", gift";
        return new Product(index, id(index), title, SampleNames.handle(title) + "-" + index, productType, vendor, status, tags,
                "<p>" + title + ". Made to last.</p>", createdAt(index), updatedAt(index), List.copyOf(list));
    }
}
