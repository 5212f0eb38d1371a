@NullMarked
@ApplicationModule(allowedDependencies = "tenants")
package io.storefront.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
