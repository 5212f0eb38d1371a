package io.storefront.webhooks;

import java.time.DateTimeException;
import tools.jackson.core.JacksonException;

/**
 * A verified delivery that no retry can apply: its body is not JSON, lacks the key of its record, or its topic is
 * not one the service consumes. It is kept as FAILED at once, with this reason, instead of being tried again.
 */
final class UnusableDelivery extends IllegalArgumentException {

    UnusableDelivery(String reason) {
        super(reason);
    }

    /**
     * Whether applying failed on the payload itself (malformed JSON, a date, number or id that does not parse)
     * rather than on anything a later attempt could find different, such as the database.
     */
    static boolean permanent(Exception error) {
        return error instanceof UnusableDelivery || error instanceof JacksonException
                || error instanceof DateTimeException || error instanceof NumberFormatException
                || error instanceof ArithmeticException;
    }

    /** The reason kept for a {@link #permanent} failure, without the payload text parsers put in their messages. */
    static String reason(Exception error) {
        if (error instanceof UnusableDelivery) {
            return error.getMessage();
        }
        if (error instanceof JacksonException) {
            return "the body is not valid JSON";
        }
        if (error instanceof DateTimeException) {
            return "a time in the payload does not parse";
        }
        return "a number or id in the payload does not parse";
    }
}
