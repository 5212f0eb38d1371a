package modulefixture.reports;

import modulefixture.customers.Customer;

public record CustomerReport(Customer customer) {}
