package io.storefront.web;

import io.storefront.identity.UserId;
import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;

/**
 * The principal of a web session. Its name is the user id, because the tenants module reads the principal name
 * as the user id for sessions and bearer tokens alike; the email is kept only for the page header.
 */
record SessionUser(UUID id, String email) implements Principal, Serializable {

    @Override
    public String getName() {
        return id.toString();
    }

    UserId userId() {
        return new UserId(id);
    }
}
