@NullMarked
package io.storefront.shopify;

import org.jspecify.annotations.NullMarked;
