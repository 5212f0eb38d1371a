package dev.storefront.simulator.store;

import java.util.List;

/** A product with its variants. */
public record Product(int index, long id, String title, String handle, String productType, String vendor,
                      String status, String tags, String bodyHtml, long createdAt, long updatedAt,
                      List<ProductVariant> variants) {
}
