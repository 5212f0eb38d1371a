package io.storefront.webhooks;

import io.storefront.platform.ApiProblems.ApiException;
import org.springframework.http.HttpStatus;

/**
 * One answer for a missing or wrong signature, an unknown tenant and a foreign shop domain, so that tenant ids
 * cannot be probed. Thrown often under attack, hence no stack trace.
 */
final class InvalidWebhookSignature extends ApiException {

    InvalidWebhookSignature() {
        super(HttpStatus.UNAUTHORIZED, "invalid-webhook-signature", "Invalid webhook signature",
                "The delivery could not be verified.");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
