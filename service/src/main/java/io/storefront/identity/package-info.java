@NullMarked
@ApplicationModule(allowedDependencies = {})
package io.storefront.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
