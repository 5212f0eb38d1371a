@NullMarked
package io.storefront.identity;

import org.jspecify.annotations.NullMarked;
