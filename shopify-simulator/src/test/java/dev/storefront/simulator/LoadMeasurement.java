package dev.storefront.simulator;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: measures Admin API requests per second and webhook deliveries per second over loopback.
 * {@code java -cp shopify-simulator/target/shopify-simulator.jar:shopify-simulator/target/test-classes dev.storefront.simulator.LoadMeasurement}
 */
public final class LoadMeasurement {

    private LoadMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        try (ShopifySimulator simulator = ShopifySimulator.start(0).allowHttpLoopbackWebhooks(true)) {
            ShopCredentials shop = simulator.createShop(ShopSpec.of("load.myshopify.com").withCounts(1000, 50, 20_000, 100));
            simulator.faults(shop.domain(), new Faults(false, null, null, 0, 0, 0, false, 0, null));
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.adminGraphqlUrl(shop.domain(), "2025-10")))
                    .header("X-Shopify-Access-Token", shop.accessToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ orders(first: 10, sortKey: UPDATED_AT) { nodes { id name updatedAt "
                            + "totalPriceSet { shopMoney { amount } } } } }\"}")).build();
            int total = 20_000;
            Semaphore window = new Semaphore(64);
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStarted = os.getProcessCpuTime();
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                window.acquire();
                futures.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> window.release()));
            }
            long ok = futures.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Admin API: %,d requests (%,d ok) in %.1f s = %,.0f req/s; CPU (client + server) %.0f µs per request%n",
                    total, ok, seconds, total / seconds, (os.getProcessCpuTime() - cpuStarted) / 1e3 / total);

            AtomicLong received = new AtomicLong();
            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            receiver.setExecutor(Executors.newFixedThreadPool(16));
            receiver.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                received.incrementAndGet();
            });
            receiver.start();
            new SimulatorHttpClient(simulator.baseUrl()).graphql(shop.domain(), shop.accessToken(),
                    "mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: {uri: \"http://127.0.0.1:"
                            + receiver.getAddress().getPort() + "/hooks\", format: JSON}) { userErrors { message } } }");
            int orders = 20_000;
            started = System.nanoTime();
            simulator.activity(shop.domain(), Activity.newOrders(orders));
            while (received.get() < orders && System.nanoTime() - started < 120e9) {
                Thread.sleep(10);
            }
            seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("webhooks: %,d orders/create delivered in %.1f s = %,.0f deliveries/s (%s)%n", received.get(), seconds,
                    received.get() / seconds, simulator.deliveries(shop.domain()));
            receiver.stop(0);
        }
        System.exit(0);
    }
}
