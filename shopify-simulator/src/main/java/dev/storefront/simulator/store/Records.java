package dev.storefront.simulator.store;

import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * The columns every Shopify resource has (id, created_at, updated_at, deleted) and Relay paging over
 * them. Ids are a pure function of the index ({@code base + index × step}), so a cursor or a global id
 * finds its record without a map.
 */
public abstract class Records {

    private static final int INDEX_BITS = 24;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private final long idBase;
    private final long idStep;
    final LongColumn createdAt;
    final LongColumn updatedAt;
    private final BitSet deleted = new BitSet();
    private final Map<SortKey, long[]> sortedCache = new EnumMap<>(SortKey.class);
    private int version;
    private final Map<SortKey, Integer> sortedVersion = new EnumMap<>(SortKey.class);

    Records(long idBase, long idStep, int capacity) {
        this.idBase = idBase;
        this.idStep = idStep;
        this.createdAt = new LongColumn(capacity);
        this.updatedAt = new LongColumn(capacity);
    }

    public int size() {
        return createdAt.size();
    }

    public long id(int index) {
        return idBase + index * idStep;
    }

    /** The index of a record with this id, or -1 (also for deleted records). */
    public int indexOf(long id) {
        long offset = id - idBase;
        if (offset < 0 || offset % idStep != 0 || offset / idStep >= size()) {
            return -1;
        }
        int index = (int) (offset / idStep);
        return isDeleted(index) ? -1 : index;
    }

    public long createdAt(int index) {
        return createdAt.get(index);
    }

    public long updatedAt(int index) {
        return updatedAt.get(index);
    }

    public boolean isDeleted(int index) {
        return deleted.get(index);
    }

    public int liveCount() {
        return size() - deleted.cardinality();
    }

    long processedAt(int index) {
        return createdAt(index);
    }

    void markDeleted(int index) {
        deleted.set(index);
        changed();
    }

    void touch(int index, long second) {
        updatedAt.set(index, Math.max(second, updatedAt.get(index) + 1));
        changed();
    }

    void changed() {
        version++;
    }

    long sortValue(int index, SortKey key) {
        return switch (key) {
            case ID -> index;
            case CREATED_AT -> createdAt(index);
            case UPDATED_AT -> updatedAt(index);
            case PROCESSED_AT -> processedAt(index);
        };
    }

    long fieldValue(int index, String field) {
        return switch (field) {
            case "created_at" -> createdAt(index);
            case "updated_at" -> updatedAt(index);
            case "processed_at" -> processedAt(index);
            case "id" -> id(index);
            default -> 0;
        };
    }

    /** (value, index) packed in one long so a primitive sort gives Shopify's order: by value, ties by id. */
    private synchronized long[] sorted(SortKey key) {
        long[] cached = sortedCache.get(key);
        if (cached != null && sortedVersion.get(key) == version && cached.length == size()) {
            return cached;
        }
        int n = size();
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (sortValue(i, key) << INDEX_BITS) | i;
        }
        Arrays.sort(packed);
        sortedCache.put(key, packed);
        sortedVersion.put(key, version);
        return packed;
    }

    /** Answers one connection field: filters, sorts, pages. */
    public Page page(PageRequest request) {
        int n = size();
        long[] order = request.sortKey() == SortKey.ID ? null : sorted(request.sortKey());
        boolean reverse = request.reverse();
        int lo = 0;
        int hi = n;
        String sortField = switch (request.sortKey()) {
            case ID -> "id";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
            case PROCESSED_AT -> "processed_at";
        };
        if (order != null) {
            SearchQuery.Term range = request.query().range(sortField);
            int physicalLo = range.min() == Long.MIN_VALUE ? 0 : insertionPoint(order, range.min() << INDEX_BITS);
            int physicalHi = range.max() == Long.MAX_VALUE ? n : insertionPoint(order, (range.max() + 1) << INDEX_BITS);
            lo = reverse ? n - physicalHi : physicalLo;
            hi = reverse ? n - physicalLo : physicalHi;
        }
        if (request.after() != null) {
            lo = Math.max(lo, boundary(order, request.after(), request.sortKey(), reverse, true));
        }
        if (request.before() != null) {
            hi = Math.min(hi, boundary(order, request.before(), request.sortKey(), reverse, false));
        }
        boolean forward = request.first() != null;
        int limit = forward ? request.first() : request.last();
        int[] found = new int[Math.max(0, limit)];
        int count = 0;
        int position = forward ? lo : hi - 1;
        while (count < limit && (forward ? position < hi : position >= lo)) {
            int index = indexAt(order, position, reverse, n);
            if (matches(index, request)) {
                found[count++] = index;
            }
            position += forward ? 1 : -1;
        }
        boolean moreInDirection = false;
        while (forward ? position < hi : position >= lo) {
            if (matches(indexAt(order, position, reverse, n), request)) {
                moreInDirection = true;
                break;
            }
            position += forward ? 1 : -1;
        }
        int[] indices = Arrays.copyOf(found, count);
        if (!forward) {
            reverseInPlace(indices);
        }
        String[] cursors = new String[count];
        for (int k = 0; k < count; k++) {
            cursors[k] = Cursor.encode(id(indices[k]), request.sortKey() == SortKey.ID ? id(indices[k]) : sortValue(indices[k], request.sortKey()));
        }
        boolean hasNext = forward ? moreInDirection : request.before() != null && anyMatch(order, hi, n, request, reverse);
        boolean hasPrevious = forward ? request.after() != null && anyMatchBefore(order, lo, request, reverse, n) : moreInDirection;
        return new Page(indices, cursors, hasNext, hasPrevious);
    }

    private boolean anyMatch(long[] order, int from, int n, PageRequest request, boolean reverse) {
        for (int p = from; p < n; p++) {
            if (matches(indexAt(order, p, reverse, n), request)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyMatchBefore(long[] order, int to, PageRequest request, boolean reverse, int n) {
        for (int p = Math.min(to, n) - 1; p >= 0; p--) {
            if (matches(indexAt(order, p, reverse, n), request)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a record passes the query, is live, and is visible to the caller. */
    public boolean matches(int index, PageRequest request) {
        if (isDeleted(index) || createdAt(index) < request.minCreatedAt()) {
            return false;
        }
        for (SearchQuery.Term term : request.query().terms()) {
            if (!term.accepts(fieldValue(index, term.field()))) {
                return false;
            }
        }
        return true;
    }

    private static int indexAt(long[] order, int logical, boolean reverse, int n) {
        int physical = reverse ? n - 1 - logical : logical;
        return order == null ? physical : (int) (order[physical] & INDEX_MASK);
    }

    /** The logical position just after (or, for before, the exclusive end at) a cursor. */
    private int boundary(long[] order, String cursor, SortKey key, boolean reverse, boolean after) {
        Cursor.Position position = Cursor.decode(cursor);
        long offset = position.id() - idBase;
        if (offset < 0 || offset % idStep != 0) {
            throw new InvalidCursor(cursor);
        }
        long index = offset / idStep;
        int n = size();
        int physical;
        boolean exact;
        if (order == null) {
            physical = (int) Math.min(index, n);
            exact = index < n;
        } else {
            long packed = (position.value() << INDEX_BITS) | index;
            int found = Arrays.binarySearch(order, packed);
            exact = found >= 0;
            physical = exact ? found : -found - 1;
        }
        if (!reverse) {
            return after ? (exact ? physical + 1 : physical) : physical;
        }
        return after ? n - physical : (exact ? n - 1 - physical : n - physical);
    }

    private static int insertionPoint(long[] order, long packed) {
        int found = Arrays.binarySearch(order, packed);
        return found >= 0 ? found : -found - 1;
    }

    private static void reverseInPlace(int[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
