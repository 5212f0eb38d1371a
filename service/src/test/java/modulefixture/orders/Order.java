package modulefixture.orders;

import modulefixture.customers.Customer;

public record Order(long id, Customer customer) {}
