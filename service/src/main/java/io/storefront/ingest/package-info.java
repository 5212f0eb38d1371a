@NullMarked
@ApplicationModule(allowedDependencies = {"catalog", "shopify", "tenants"})
package io.storefront.ingest;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
