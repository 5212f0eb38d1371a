package dev.storefront.simulator;

import dev.storefront.simulator.bulk.ShopBulkOperations;
import dev.storefront.simulator.store.Store;
import dev.storefront.simulator.store.StoreSpec;
import dev.storefront.simulator.store.StoreSummary;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Not a test (too slow for the default suite): generates a 1,000,000-order store and exports its orders and
 * line items as bulk JSONL, printing time, heap and lines per second.
 * {@code java -Xmx1g -cp shopify-simulator/target/shopify-simulator.jar:shopify-simulator/target/test-classes dev.storefront.simulator.LargeStoreMeasurement 1000000}
 */
public final class LargeStoreMeasurement {

    private LargeStoreMeasurement() {
    }

    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        StoreSpec spec = new StoreSpec("large.myshopify.com", 42, Instant.parse("2026-11-01T00:00:00Z"), orders / 5, 2_000, orders,
                orders / 10, ZoneId.of("America/New_York"), "USD");
        long started = System.nanoTime();
        Store store = Store.generate(spec);
        long generationMillis = (System.nanoTime() - started) / 1_000_000;
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("generated %,d orders, %,d customers, %,d checkouts in %,d ms; heap retained after GC %,d MB%n",
                orders, spec.customers(), spec.checkouts(), generationMillis, retained >> 20);

        long[] bytes = new long[1];
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        started = System.nanoTime();
        long lines = ShopBulkOperations.exportTo(store, BulkOperationTests.ORDERS_QUERY, sink);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        System.out.printf("bulk export: %,d lines, %,d MB in %.1f s = %,.0f lines/s (%.1f CPU s = %,.0f lines per CPU second; %d cores)%n",
                lines, bytes[0] >> 20, seconds, lines / seconds, cpuSeconds, lines / cpuSeconds, Runtime.getRuntime().availableProcessors());

        started = System.nanoTime();
        StoreSummary summary = store.summary(false);
        System.out.printf("summary: %,d orders, %,d line items, total %s in %,d ms%n", summary.orders(), summary.lineItems(),
                summary.ordersTotalPrice(), (System.nanoTime() - started) / 1_000_000);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap (sum of pool peaks) %,d MB, max heap %,d MB%n", peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
