package io.storefront.web;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user of the current page request. */
final class CurrentUser {

    private CurrentUser() {}

    static Optional<SessionUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SessionUser user ? Optional.of(user) : Optional.empty();
    }

    static SessionUser get() {
        return find().orElseThrow(() -> new IllegalStateException("a signed-in page was reached without a session"));
    }
}
