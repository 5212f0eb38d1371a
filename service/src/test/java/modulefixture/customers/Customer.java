package modulefixture.customers;

public record Customer(long id) {}
