package dev.storefront.simulator.admin;

/**
 * A bulk query operation as {@code currentBulkOperation} reports it.
 *
 * @param status Shopify's BulkOperationStatus name (RUNNING, COMPLETED...)
 */
public record BulkOperation(long id, String status, String errorCode, String query, long objectCount,
                            long rootObjectCount, Long fileSize, String url, String partialDataUrl, long createdAt,
                            Long completedAt) {

    public String gid() {
        return "gid://shopify/BulkOperation/" + id;
    }
}
