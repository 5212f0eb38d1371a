package dev.storefront.simulator.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers webhooks asynchronously with Shopify's rules: 1 s to connect, 5 s to answer 2xx, otherwise
 * retried with exponential back-off (8 retries); deliveries of one shop share counters.
 * A fixed pool of platform threads sends them, so the pool size bounds the requests in flight and a burst of
 * thousands queues instead of exhausting sockets. (An earlier version ran them on virtual threads with
 * {@code sendAsync}; with two carrier threads on a busy machine it stalled for seconds at a time.)
 */
public final class WebhookSender implements AutoCloseable {

    static final int MAX_RETRIES = 8;
    private static final int SENDERS = 48;

    /** The per-shop knobs and counters a delivery needs. */
    public static final class Channel {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong duplicated = new AtomicLong();
        final AtomicLong abandoned = new AtomicLong();
        final AtomicLong pending = new AtomicLong();
        volatile double duplicateRate;
        volatile boolean reorder;
        volatile long retryBaseMillis = 56_000;
        volatile HeaderNames headerNames = HeaderNames.X_SHOPIFY;
        volatile java.util.function.LongConsumer onAbandoned = id -> { };

        /** Called with the subscription id when a delivery failed every retry (Shopify then removes the subscription). */
        public void onAbandoned(java.util.function.LongConsumer action) {
            onAbandoned = action;
        }

        public void configure(double duplicates, boolean outOfOrder, long retryBase) {
            duplicateRate = duplicates;
            reorder = outOfOrder;
            retryBaseMillis = retryBase;
        }

        public void headerNames(HeaderNames names) {
            headerNames = names;
        }

        public DeliveryStats stats() {
            return new DeliveryStats(sent.get(), delivered.get(), failed.get(), retried.get(), duplicated.get(), abandoned.get(), pending.get());
        }
    }

    private final ExecutorService workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-retry-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client;

    public WebhookSender() {
        AtomicLong threads = new AtomicLong();
        this.workers = Executors.newFixedThreadPool(SENDERS, runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Sends one event to every subscription; returns at once. */
    public void send(Channel channel, String topic, String shopDomain, String apiVersion, byte[] body,
                     List<WebhookSubscription> subscriptions) {
        String eventId = UUID.randomUUID().toString();
        String triggeredAt = Instant.now().toString();
        for (WebhookSubscription subscription : subscriptions) {
            Webhook webhook = new Webhook(subscription.id(), UUID.randomUUID().toString(), eventId, topic, shopDomain, apiVersion, triggeredAt,
                    body, hmac(subscription.appSecret(), body), subscription.uri());
            channel.pending.incrementAndGet();
            schedule(channel, webhook, 0, channel.reorder ? ThreadLocalRandom.current().nextLong(250) : 0, false);
            if (channel.duplicateRate > 0 && ThreadLocalRandom.current().nextDouble() < channel.duplicateRate) {
                channel.duplicated.incrementAndGet();
                channel.pending.incrementAndGet();
                schedule(channel, webhook, 0, 5 + ThreadLocalRandom.current().nextLong(channel.reorder ? 250 : 50), false);
            }
        }
    }

    private void schedule(Channel channel, Webhook webhook, int attempt, long delayMillis, boolean retry) {
        if (delayMillis <= 0) {
            workers.execute(() -> attempt(channel, webhook, attempt, retry));
        } else {
            timer.schedule(() -> workers.execute(() -> attempt(channel, webhook, attempt, retry)), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void attempt(Channel channel, Webhook webhook, int attempt, boolean retry) {
        HeaderNames names = channel.headerNames;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(webhook.uri()))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(names.of("Topic"), webhook.topic())
                    .header(names.of("Hmac-Sha256"), webhook.hmac())
                    .header(names.of("Shop-Domain"), webhook.shopDomain())
                    .header(names.of("API-Version"), webhook.apiVersion())
                    .header(names.of("Webhook-Id"), webhook.webhookId())
                    .header(names.of("Triggered-At"), webhook.triggeredAt())
                    .header(names.of("Event-Id"), webhook.eventId())
                    .header("User-Agent", "Shopify-Captain-Hook")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()))
                    .build();
        } catch (IllegalArgumentException e) {
            channel.sent.incrementAndGet();
            channel.failed.incrementAndGet();
            channel.abandoned.incrementAndGet();
            channel.pending.decrementAndGet();
            return;
        }
        channel.sent.incrementAndGet();
        if (retry) {
            channel.retried.incrementAndGet();
        }
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (status / 100 == 2) {
            channel.delivered.incrementAndGet();
            channel.pending.decrementAndGet();
            return;
        }
        channel.failed.incrementAndGet();
        if (attempt >= MAX_RETRIES) {
            channel.abandoned.incrementAndGet();
            channel.pending.decrementAndGet();
            channel.onAbandoned.accept(webhook.subscriptionId());
            return;
        }
        schedule(channel, webhook, attempt + 1, channel.retryBaseMillis << attempt, true);
    }

    /** base64 HMAC-SHA256 of the raw body, keyed by the app's client secret. */
    public static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
