@NullMarked
package io.storefront.catalog;

import org.jspecify.annotations.NullMarked;
