package io.storefront.tenants;

import io.swagger.v3.oas.models.media.UUIDSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents a {@link StoreId} parameter as what {@link StoreIdResolver} reads, the {@code X-Tenant-Id} header,
 * instead of the query object springdoc would infer from the record (which "Try it out" cannot call).
 */
@Configuration(proxyBeanMethods = false)
class TenantHeaderDocs {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(StoreId.class);
    }

    @Bean
    OperationCustomizer tenantHeader() {
        return (operation, handler) -> {
            if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == StoreId.class)) {
                operation.addParametersItem(new HeaderParameter().name(StoreIdResolver.HEADER).required(true)
                        .description("The store to read or change: an `id` from GET /api/tenant that you own.")
                        .schema(new UUIDSchema()).example("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
            }
            return operation;
        };
    }
}
