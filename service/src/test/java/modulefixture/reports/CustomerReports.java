package modulefixture.reports;

final class CustomerReports {

    // A module reading another's table: what ModularityTests must catch.
    static final String COUNT = """
            select count(*) from customers
            """;

    private CustomerReports() {}
}
