package dev.storefront.simulator;

/** Input the simulator cannot use (bad control input, unknown shop, duplicate domain); over HTTP a JSON error with {@link #status}. */
public final class BadRequest extends RuntimeException {

    public final int status;

    public BadRequest(String message) {
        this(400, message);
    }

    public BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }
}
