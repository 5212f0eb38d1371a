@NullMarked
@ApplicationModule(allowedDependencies = {"catalog", "shopify", "tenants"})
package io.storefront.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
