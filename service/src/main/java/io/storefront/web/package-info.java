@NullMarked
@ApplicationModule(allowedDependencies = {"catalog", "identity", "ingest", "insights", "tenants"})
package io.storefront.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
