package modulefixture.customers;

final class Customers {

    static final String BY_ID = "select id from customers where id = ?";

    private Customers() {}
}
