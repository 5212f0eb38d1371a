package io.storefront.webhooks;

import io.storefront.webhooks.Deliveries.NewDelivery;

/** Where intake hands a verified delivery before answering Shopify: the inbox itself, or the broker in front of it. */
interface InboxIntake {

    /**
     * Returns once the delivery is durably kept (so a 200 may follow).
     *
     * @return false for a delivery known to be a duplicate
     * @throws InboxWriter.IntakeUnavailable when it could not be kept now (Shopify retries on the 503)
     */
    boolean insert(NewDelivery delivery);
}
