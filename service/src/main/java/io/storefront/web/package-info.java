@NullMarked
package io.storefront.web;

import org.jspecify.annotations.NullMarked;
