package io.storefront.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * {@code storefront.webhooks.*} meters. The topic tag is one of {@link WebhookTopics#KNOWN} or {@code other}, so
 * their number stays fixed whatever topic headers arrive.
 */
@Component
class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Counter rejected;
    private final AtomicLong inboxDepth = new AtomicLong();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rejected = Counter.builder("storefront.webhooks.rejected")
                .description("Deliveries answered 401 (signature, tenant or shop domain)").register(registry);
        Gauge.builder("storefront.webhooks.inbox.depth", inboxDepth, AtomicLong::get)
                .description("Deliveries accepted and not yet applied").register(registry);
    }

    /** Per intake request: a plain map read once the topic's counter exists, no registry lookup. */
    void received(String header) {
        String topic = WebhookTopics.tag(header);
        Counter counter = received.get(topic);
        if (counter == null) {
            counter = received.computeIfAbsent(topic, t -> Counter.builder("storefront.webhooks.received").tag("topic", t)
                    .description("Verified deliveries stored in the inbox").register(registry));
        }
        counter.increment();
    }

    void duplicate(String header) {
        String topic = WebhookTopics.tag(header);
        Counter counter = duplicates.get(topic);
        if (counter == null) {
            counter = duplicates.computeIfAbsent(topic, t -> Counter.builder("storefront.webhooks.duplicates")
                    .tag("topic", t).description("Verified deliveries the inbox already had").register(registry));
        }
        counter.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void applied(String header, Duration sinceTriggered) {
        lag.computeIfAbsent(WebhookTopics.tag(header), t -> Timer.builder("storefront.webhooks.apply.lag").tag("topic", t)
                .description("From Shopify's trigger to the change being applied").publishPercentileHistogram()
                .register(registry)).record(sinceTriggered.isNegative() ? Duration.ZERO : sinceTriggered);
    }

    void failed(String header, boolean finalAttempt) {
        String topic = WebhookTopics.tag(header);
        failures.computeIfAbsent(topic + (finalAttempt ? "|final" : "|retry"), key -> Counter
                .builder("storefront.webhooks.apply.failures").tag("topic", topic)
                .tag("final", String.valueOf(finalAttempt))
                .description("Failed attempts to apply a delivery; final=true when it was kept as FAILED")
                .register(registry)).increment();
    }

    void inboxDepth(long depth) {
        inboxDepth.set(depth);
    }
}
