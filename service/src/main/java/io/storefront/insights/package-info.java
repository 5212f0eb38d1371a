@NullMarked
@ApplicationModule(allowedDependencies = "tenants")
package io.storefront.insights;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
