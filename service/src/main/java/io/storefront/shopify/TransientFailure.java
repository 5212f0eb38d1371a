package io.storefront.shopify;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A failure worth retrying; {@code wait} is how long Shopify told us (or the bucket says) to wait, if known. */
final class TransientFailure extends RuntimeException {

    private final @Nullable Duration wait;

    TransientFailure(String message, @Nullable Duration wait, @Nullable Throwable cause) {
        super(message, cause);
        this.wait = wait;
    }

    @Nullable Duration waitHint() {
        return wait;
    }
}
