package io.storefront.webhooks;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Empties the bodies of deliveries that were applied (or ignored) longer than {@code storefront.webhooks.retention}
 * ago: they hold customers' personal data that the catalog already has in its own form.
 *
 * <p>The row stays, body emptied, rather than being deleted: its webhook id keeps deduplicating a late retry of
 * the same delivery, and its metadata (topic, times, attempts) still answers "did we get it". FAILED deliveries
 * keep their bodies for the operator who has to look at them.
 */
@Component
class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);
    private static final int CHUNK = 5_000;

    private final Deliveries deliveries;
    private final WebhookSettings settings;

    InboxRetention(Deliveries deliveries, WebhookSettings settings) {
        this.deliveries = deliveries;
        this.settings = settings;
    }

    /** Chunked, each chunk its own statement, so a large backlog never holds many row locks for long. */
    @Scheduled(initialDelayString = "${storefront.webhooks.purge-interval:1h}",
            fixedDelayString = "${storefront.webhooks.purge-interval:1h}")
    @SchedulerLock(name = "webhooks.inbox-retention", lockAtMostFor = "PT30M")
    public void purge() {
        long purged = 0;
        int chunk;
        do {
            chunk = deliveries.emptyBodiesAppliedBefore(settings.retention(), CHUNK);
            purged += chunk;
        } while (chunk == CHUNK);
        if (purged > 0) {
            log.info("Emptied the bodies of {} webhook deliveries applied more than {} ago", purged, settings.retention());
        }
    }
}
