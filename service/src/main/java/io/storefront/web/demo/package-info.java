/** Demo mode: a demo account owning a store served by the built-in Shopify simulator, for the embedded default. */
@NullMarked
package io.storefront.web.demo;

import org.jspecify.annotations.NullMarked;
