@NullMarked
package io.storefront.ingest;

import org.jspecify.annotations.NullMarked;
