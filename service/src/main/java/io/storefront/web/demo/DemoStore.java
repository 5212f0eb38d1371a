package io.storefront.web.demo;

import io.storefront.identity.Accounts;
import io.storefront.identity.UserId;
import io.storefront.ingest.SyncAlreadyRunning;
import io.storefront.ingest.SyncRun;
import io.storefront.ingest.SyncRunner;
import io.storefront.ingest.SyncStatus;
import io.storefront.simulator.Activity;
import io.storefront.simulator.ShopCredentials;
import io.storefront.simulator.ShopSpec;
import io.storefront.simulator.ShopifySimulator;
import io.storefront.tenants.StoreConnections;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreSummary;
import io.storefront.tenants.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On start in demo mode: the demo account owns a store at the built-in simulator (a fixed seed, history up to
 * now), connected and synced, and the simulator keeps making orders, checkouts and refunds every few seconds,
 * which reach the service as webhooks. A restart brings a fresh simulator, so the kept store gets its new token.
 */
@Component
@Conditional(DemoMode.class)
class DemoStore implements DisposableBean {

    static final String DOMAIN = "demo-outfitters.myshopify.com";
    static final long SEED = 20_260_101L;
    static final Duration ACTIVITY_EVERY = Duration.ofSeconds(4);

    private static final Logger log = LoggerFactory.getLogger(DemoStore.class);

    private final DemoAccount account;
    private final Stores stores;
    private final StoreConnections connections;
    private final SyncRunner runner;
    private final ScheduledExecutorService activity = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "demo-activity");
        thread.setDaemon(true);
        return thread;
    });
    private final Random random = new Random(SEED);

    DemoStore(DemoAccount account, Stores stores, StoreConnections connections, SyncRunner runner) {
        this.account = account;
        this.stores = stores;
        this.connections = connections;
        this.runner = runner;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread setup = new Thread(this::setUp, "demo-setup");
        setup.setDaemon(true);
        setup.start();
    }

    private void setUp() {
        try {
            Accounts.User user = account.ensure();
            Optional<ShopifySimulator> simulator = DemoSimulator.running();
            if (simulator.isEmpty()) {
                log.info("Demo mode: {} points elsewhere, so no demo store is made", DemoSimulator.BASE_URL);
                return;
            }
            ShopCredentials shop = simulator.get().createShop(ShopSpec.of(DOMAIN).withSeed(SEED).withAsOf(Instant.now())
                    .withCounts(4_000, 60, 30_000, 2_500));
            StoreId store = connect(new UserId(user.id()), shop);
            ensureSyncStarted(store);
            activity.scheduleWithFixedDelay(() -> tick(simulator.get()), 20, ACTIVITY_EVERY.toSeconds(), TimeUnit.SECONDS);
            log.info("Demo mode: store {} connected; sign in to see its dashboard", DOMAIN);
        } catch (RuntimeException e) {
            log.warn("Demo mode: the demo store could not be set up", e);
        }
    }

    private StoreId connect(UserId owner, ShopCredentials shop) {
        Optional<StoreSummary> kept = stores.ownedStores(owner).stream()
                .filter(s -> s.shopifyDomain().equals(DOMAIN)).findFirst();
        if (kept.isPresent()) {
            connections.update(owner, kept.get().id(), null, shop.accessToken(), shop.apiSecret());
            return new StoreId(kept.get().id());
        }
        StoreSummary created = connections.connect(owner, new StoreConnections.Connect("Demo Outfitters", DOMAIN,
                shop.accessToken(), shop.apiSecret(), null, null));
        return new StoreId(created.id());
    }

    /**
     * The run that connecting starts can be lost or fail when it begins before the connection commits; then the
     * demo starts one itself (a second start while one runs is refused, which is fine).
     */
    private void ensureSyncStarted(StoreId store) {
        sleep(Duration.ofSeconds(2));
        SyncRun latest = runner.recent(store, 1).stream().findFirst().orElse(null);
        if (latest == null || latest.status() == SyncStatus.FAILED) {
            try {
                runner.start(store, null, "DEMO");
            } catch (SyncAlreadyRunning running) {
                // the one from connecting got going after all
            }
        }
    }

    private void tick(ShopifySimulator simulator) {
        try {
            simulator.activity(DOMAIN, new Activity(1 + random.nextInt(3), random.nextInt(2), random.nextInt(10) == 0 ? 1 : 0,
                    random.nextInt(3) == 0 ? 1 : 0, random.nextInt(8) == 0 ? 1 : 0, random.nextInt(20) == 0 ? 1 : 0, 0));
        } catch (RuntimeException e) {
            log.debug("Demo activity skipped", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        activity.shutdownNow();
    }
}
