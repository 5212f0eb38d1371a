package io.storefront.webhooks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.storefront.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Intake throughput and latency against a service process (not part of the normal build): run with
 * {@code -Dwebhooks.load=true}. Saturation first (closed loop), then a paced run at half that rate for p99.
 */
class WebhookIntakeLoadTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void measures_intake_throughput_and_p99() throws Exception {
        assumeTrue(Boolean.getBoolean("webhooks.load"), "load run: pass -Dwebhooks.load=true");
        int port = ServiceProcess.freePort();
        Path logs = Files.createTempDirectory("webhook-load");
        Process service = ServiceProcess.start(new java.util.ArrayList<>(), port, logs.resolve("service.log"));
        ServiceProcess.awaitReady(port, service);
        Api api = new Api(port);
        String domain = "load-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        String secret = "shpss_load";
        UUID tenant = api.connectStore(api.newUser(), domain, "shpat_test", secret);
        byte[] body = WebhookIntegrationTest.fixture("orders-create");
        String signature = WebhookSignature.signBase64(secret.getBytes(StandardCharsets.UTF_8), body);

        run(port, tenant, domain, body, signature, 64, 5, 0); // warm-up
        double saturated = run(port, tenant, domain, body, signature, 64, 15, 0);
        run(port, tenant, domain, body, signature, 64, 15, saturated / 2);
        service.destroy();
        service.waitFor(60, TimeUnit.SECONDS);
    }

    /** @return deliveries per second */
    private static double run(int port, UUID tenant, String domain, byte[] body, String signature, int clients,
            int seconds, double ratePerSecond) throws Exception {
        int capacity = 2_000_000;
        long[] latencies = new long[capacity];
        AtomicInteger n = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong ticket = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (true) {
                    long sendAt = start;
                    if (ratePerSecond > 0) {
                        sendAt = start + (long) (ticket.getAndIncrement() * 1e9 / ratePerSecond);
                        long wait = sendAt - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        return;
                    }
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhook/" + tenant))
                            .header("Content-Type", "application/json").header("X-Shopify-Topic", "orders/create")
                            .header("X-Shopify-Shop-Domain", domain).header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                            .header("X-Shopify-Hmac-Sha256", signature)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    try {
                        int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    long t1 = System.nanoTime();
                    int i = n.getAndIncrement();
                    if (i < capacity) {
                        // paced runs measure from the scheduled send time, so queueing in the client counts too
                        latencies[i] = t1 - (ratePerSecond > 0 ? Math.min(sendAt, t0) : t0);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        int count = Math.min(n.get(), capacity);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double rate = count / elapsed;
        System.out.printf("LOAD clients=%d target=%s: %d deliveries in %.1fs = %.0f/s, errors=%d, p50=%.1fms p99=%.1fms max=%.1fms%n",
                clients, ratePerSecond > 0 ? String.format("%.0f/s", ratePerSecond) : "max", count, elapsed, rate,
                errors.get(), sorted[count / 2] / 1e6, sorted[(int) (count * 0.99)] / 1e6, sorted[count - 1] / 1e6);
        return rate;
    }
}
