@NullMarked
package io.storefront.tenants;

import org.jspecify.annotations.NullMarked;
