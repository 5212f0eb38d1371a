@NullMarked
package io.storefront.insights;

import org.jspecify.annotations.NullMarked;
