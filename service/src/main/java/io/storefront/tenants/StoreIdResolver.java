package io.storefront.tenants;

import io.storefront.identity.UserId;
import io.storefront.platform.ApiProblems.ApiException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The one ownership check of the JSON API: a controller parameter of type {@link StoreId} is filled from the
 * {@code X-Tenant-Id} header only when the signed-in user owns that store; otherwise 404, as if it did not exist.
 */
@Component
public class StoreIdResolver implements HandlerMethodArgumentResolver {

    public static final String HEADER = "X-Tenant-Id";

    private final Stores stores;

    StoreIdResolver(Stores stores) {
        this.stores = stores;
    }

    static final class MissingTenant extends ApiException {
        MissingTenant(String detail) {
            super(HttpStatus.BAD_REQUEST, "tenant-required", "Store not named", detail);
        }
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == StoreId.class;
    }

    @Override
    public StoreId resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        String header = request.getHeader(HEADER);
        if (header == null || header.isBlank()) {
            throw new MissingTenant("Name the store with the " + HEADER + " header (an id from GET /api/tenant).");
        }
        UUID tenantId;
        try {
            tenantId = UUID.fromString(header.trim());
        } catch (IllegalArgumentException e) {
            throw new StoreNotFound();
        }
        StoreId store = stores.ownedBy(currentUser(), tenantId).orElseThrow(StoreNotFound::new);
        MDC.put("tenantId", store.toString());
        return store;
    }

    /** The principal name is the user id for both bearer tokens and web sessions. */
    public static UserId currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            throw new IllegalStateException("no authenticated user on a tenant-scoped call");
        }
        return new UserId(UUID.fromString(auth.getName()));
    }
}
