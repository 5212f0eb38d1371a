package io.storefront.webhooks;

import io.storefront.platform.ApiProblems.ApiException;
import org.springframework.http.HttpStatus;

/** A correctly signed delivery without the headers Shopify always sends (webhook id, topic). */
final class IncompleteDelivery extends ApiException {

    IncompleteDelivery(String header) {
        super(HttpStatus.BAD_REQUEST, "incomplete-webhook", "Incomplete webhook delivery",
                "The delivery has no " + header + " header.");
    }
}
