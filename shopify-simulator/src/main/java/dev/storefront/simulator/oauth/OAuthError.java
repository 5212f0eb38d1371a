package dev.storefront.simulator.oauth;

/** An OAuth request Shopify refuses; answered as {@code {"error":..., "error_description":...}}. */
public final class OAuthError extends RuntimeException {

    private final int status;
    private final String error;

    OAuthError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
