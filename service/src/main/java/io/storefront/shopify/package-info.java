@NullMarked
@ApplicationModule(allowedDependencies = {})
package io.storefront.shopify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
