package io.storefront.web.demo;

import io.storefront.identity.Accounts;
import io.storefront.identity.UserId;
import io.storefront.ingest.SyncAlreadyRunning;
import io.storefront.ingest.SyncRun;
import io.storefront.ingest.SyncRunner;
import io.storefront.ingest.SyncStatus;
import dev.storefront.simulator.Activity;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.ShopifySimulator;
import io.storefront.tenants.StoreConnections;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreSummary;
import io.storefront.tenants.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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
 * On start in demo mode: the demo account owns a store at the built-in simulator (a fixed seed, two years of
 * history up to its first start), connected and synced, and the simulator keeps making orders, checkouts and
 * refunds at the rate of that history ({@link DemoActivity}), which reach the service as webhooks. A restart brings
 * a fresh simulator: it rebuilds the same shop from the remembered end of its history and replays, silently, the
 * activity of every minute since, so the kept store (given its new token) loses nothing on the next sync.
 */
@Component
@Conditional(DemoMode.class)
class DemoStore implements DisposableBean {

    static final String DOMAIN = "demo-outfitters.myshopify.com";
    static final long SEED = 20_260_101L;
    static final int ORDERS = 30_000;
    static final int CHECKOUTS = 2_500;
    /** How far back the simulator generates a shop's history. */
    static final Duration HISTORY = Duration.ofDays(730);

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
    private final DemoShops shops;
    private final DemoActivity live = new DemoActivity(SEED, ORDERS, CHECKOUTS, HISTORY);
    private final Clock clock;
    private Instant historyUntil = Instant.EPOCH;
    private long nextSlot;

    DemoStore(DemoAccount account, Stores stores, StoreConnections connections, SyncRunner runner, DemoShops shops,
            Clock clock) {
        this.account = account;
        this.stores = stores;
        this.connections = connections;
        this.runner = runner;
        this.shops = shops;
        this.clock = clock;
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
            historyUntil = shops.historyUntil(DOMAIN, clock.instant().truncatedTo(ChronoUnit.SECONDS));
            ShopCredentials shop = simulator.get().createShop(ShopSpec.of(DOMAIN).withSeed(SEED).withAsOf(historyUntil)
                    .withCounts(4_000, 60, ORDERS, CHECKOUTS));
            nextSlot = replay(simulator.get(), live, historyUntil, clock.instant()) + 1;
            StoreId store = connect(new UserId(user.id()), shop);
            ensureSyncStarted(store);
            activity.scheduleWithFixedDelay(() -> tick(simulator.get()), 5, 5, TimeUnit.SECONDS);
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

    /** Makes the activity of every minute already past, without webhooks; returns the last slot replayed. */
    static long replay(ShopifySimulator simulator, DemoActivity live, Instant historyUntil, Instant now) {
        long last = DemoActivity.lastSlot(historyUntil, now);
        for (long slot = 1; slot <= last; slot++) {
            Activity changes = live.at(slot);
            if (!DemoActivity.isEmpty(changes)) {
                simulator.replay(DOMAIN, changes, DemoActivity.time(historyUntil, slot));
            }
        }
        return last;
    }

    /** Makes each minute's activity once that minute has begun, dated at its start, and fires its webhooks. */
    private void tick(ShopifySimulator simulator) {
        try {
            long due = DemoActivity.lastSlot(historyUntil, clock.instant());
            while (nextSlot <= due) {
                long slot = nextSlot++;
                Activity changes = live.at(slot);
                if (!DemoActivity.isEmpty(changes)) {
                    simulator.activity(DOMAIN, changes, DemoActivity.time(historyUntil, slot));
                }
            }
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
