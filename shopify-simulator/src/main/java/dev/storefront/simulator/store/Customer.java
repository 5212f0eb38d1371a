package dev.storefront.simulator.store;

/** A customer as the store knows it now (regenerated from the seed, with the store's changes applied). */
public record Customer(int index, long id, String firstName, String lastName, String email, String phone,
                       String state, String tags, boolean verifiedEmail, long createdAt, long updatedAt,
                       long numberOfOrders, Money amountSpent) {
}
