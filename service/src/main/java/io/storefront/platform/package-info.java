/** Shared infrastructure with no domain types: security chains, errors, rate limits, crypto, embedded PostgreSQL. */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.storefront.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
