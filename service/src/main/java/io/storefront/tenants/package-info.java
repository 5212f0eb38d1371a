@NullMarked
@ApplicationModule(allowedDependencies = {"identity", "shopify"})
package io.storefront.tenants;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
