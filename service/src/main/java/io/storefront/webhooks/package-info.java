@NullMarked
package io.storefront.webhooks;

import org.jspecify.annotations.NullMarked;
