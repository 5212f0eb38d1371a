package io.storefront.tenants;

/** How a store was connected (docs/connecting-stores.md). */
public enum ConnectionType {
    /** A legacy admin-created custom app: a non-expiring {@code shpat_} token pasted by the merchant. */
    ADMIN_TOKEN,
    /** An app of the merchant's own organisation: the service requests ~24 h tokens with client id + secret. */
    CLIENT_CREDENTIALS,
    /** The public-app install: expiring offline access token plus refresh token. */
    OAUTH
}
