package dev.storefront.simulator;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code java -jar shopify-simulator.jar --port 9090 [--host 0.0.0.0] [--shop demo.myshopify.com --seed 42
 * --orders 100000 --customers 20000 --products 500 --checkouts 5000 --as-of 2025-12-01T00:00:00Z --plan standard]}
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 9090;
        String host = "0.0.0.0";
        String domain = null;
        ShopSpec spec = null;
        long seed = 42;
        Integer orders = null;
        Integer customers = null;
        Integer products = null;
        Integer checkouts = null;
        Instant asOf = null;
        String plan = "standard";
        boolean allowHttpLoopback = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port": port = Integer.parseInt(value); i++; break;
                case "--host": host = value; i++; break;
                case "--shop": domain = value; i++; break;
                case "--seed": seed = Long.parseLong(value); i++; break;
                case "--orders": orders = Integer.parseInt(value); i++; break;
                case "--customers": customers = Integer.parseInt(value); i++; break;
                case "--products": products = Integer.parseInt(value); i++; break;
                case "--checkouts": checkouts = Integer.parseInt(value); i++; break;
                case "--as-of": asOf = Instant.parse(value); i++; break;
                case "--plan": plan = value; i++; break;
                case "--allow-http-loopback-webhooks": allowHttpLoopback = true; break;
                case "--help":
                    System.out.println("usage: java -jar shopify-simulator.jar --port 9090 [--host H] [--allow-http-loopback-webhooks] "
                            + "[--shop demo.myshopify.com --seed N --orders N --customers N --products N --checkouts N --as-of ISO "
                            + "--plan standard|advanced|plus]");
                    return;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        ShopifySimulator simulator = ShopifySimulator.start(new InetSocketAddress(host, port), Clock.systemUTC())
                .allowHttpLoopbackWebhooks(allowHttpLoopback);
        System.out.println("Shopify simulator listening on " + simulator.baseUrl() + " (control API: " + simulator.baseUrl() + "/_sim/health)");
        if (domain != null) {
            ShopSpec defaults = ShopSpec.of(domain);
            int orderCount = orders != null ? orders : defaults.orders();
            spec = defaults.withSeed(seed).withAsOf(asOf).withPlan(plan).withCounts(
                    customers != null ? customers : Math.max(defaults.customers(), orderCount / 5),
                    products != null ? products : defaults.products(),
                    orderCount,
                    checkouts != null ? checkouts : Math.max(defaults.checkouts(), orderCount / 10));
            long started = System.nanoTime();
            ShopCredentials credentials = simulator.createShop(spec);
            System.out.printf("shop %s generated in %d ms%n  Admin API: %s%n  X-Shopify-Access-Token: %s%n  webhook secret: %s%n"
                            + "  client id: %s%n", credentials.domain(), (System.nanoTime() - started) / 1_000_000,
                    simulator.adminGraphqlUrl(credentials.domain(), ShopifySimulator.API_VERSION), credentials.accessToken(),
                    credentials.apiSecret(), credentials.clientId());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }
}
