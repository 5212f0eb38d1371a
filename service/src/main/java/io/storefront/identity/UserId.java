package io.storefront.identity;

import java.util.UUID;

/** A signed-in user; the subject of their JWT and the principal name of their web session. */
public record UserId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
