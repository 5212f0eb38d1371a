package io.storefront.catalog;

import io.storefront.platform.SupportedDates;
import io.storefront.tenants.StoreId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The catalog's read side: keyset-paginated, filtered lists and single records with their children. */
@Component
class CatalogQueries {

    record Filter(@Nullable Instant updatedSince, @Nullable Instant createdSince, @Nullable String status,
            @Nullable Long customer, @Nullable String q) {}

    private record Sort(String column, boolean descending) {}

    private record Spec(String table, String select, String createdColumn, @Nullable String processedColumn,
            @Nullable String statusExpression, @Nullable String customerColumn, List<String> searchColumns) {}

    private static final Map<Resource, Spec> SPECS = Map.of(
            Resource.CUSTOMERS, new Spec("customers", "t.*", "coalesce(t.created_at, timestamptz 'epoch')", null,
                    "upper(t.state)", null, List.of("t.email", "t.first_name", "t.last_name", "t.tags")),
            Resource.PRODUCTS, new Spec("products", "t.*", "coalesce(t.created_at, timestamptz 'epoch')", null,
                    "upper(t.status)", null, List.of("t.title", "t.handle", "t.vendor", "t.product_type")),
            Resource.ORDERS, new Spec("orders", "t.*", "t.created_at", "t.processed_at",
                    "case when t.cancelled_at is not null then 'CANCELLED' else upper(t.financial_status) end",
                    "t.customer_id", List.of("t.name", "t.email")),
            Resource.CHECKOUTS, new Spec("checkouts", "t.*", "t.created_at", null,
                    "case when t.completed_at is null then 'ABANDONED' else 'COMPLETED' end", "t.customer_id",
                    List.of("t.email")));

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CatalogQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    CatalogViews.Page<?> list(StoreId store, Resource resource, Filter filter, @Nullable String sortParam, int limit,
            @Nullable String cursor) {
        Spec spec = SPECS.get(resource);
        Sort sort = sort(spec, sortParam);
        var sql = new StringBuilder("select ").append(spec.select()).append(", ").append(sort.column())
                .append(" as sort_key from ").append(spec.table()).append(" t where t.tenant_id = :tenant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", store.value());
        if (filter.updatedSince() != null) {
            sql.append(" and t.updated_at >= :updatedSince");
            params.put("updatedSince", Timestamp.from(filter.updatedSince()));
        }
        if (filter.createdSince() != null) {
            sql.append(" and t.created_at >= :createdSince");
            params.put("createdSince", Timestamp.from(filter.createdSince()));
        }
        if (filter.status() != null) {
            if (spec.statusExpression() == null) {
                throw new CatalogQueryInvalid("status", "status cannot filter " + resource.path());
            }
            sql.append(" and ").append(spec.statusExpression()).append(" = :status");
            params.put("status", filter.status().toUpperCase(Locale.ROOT));
        }
        if (filter.customer() != null) {
            if (spec.customerColumn() == null) {
                throw new CatalogQueryInvalid("customer", "customer cannot filter " + resource.path());
            }
            sql.append(" and ").append(spec.customerColumn()).append(" = :customer");
            params.put("customer", filter.customer());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            sql.append(" and (").append(String.join(" or ", spec.searchColumns().stream().map(c -> c + " ilike :q").toList()))
                    .append(")");
            params.put("q", "%" + filter.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (cursor != null) {
            Cursor after = Cursor.decode(cursor);
            sql.append(" and (").append(sort.column()).append(", t.shopify_id) ").append(sort.descending() ? "<" : ">")
                    .append(" (:afterValue, :afterId)");
            params.put("afterValue", Timestamp.from(after.value()));
            params.put("afterId", after.id());
        }
        String direction = sort.descending() ? " desc" : " asc";
        sql.append(" order by ").append(sort.column()).append(direction).append(", t.shopify_id").append(direction)
                .append(" limit :limit");
        params.put("limit", limit + 1);
        List<Object> items = new ArrayList<>();
        List<Cursor> keys = new ArrayList<>();
        jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            keys.add(new Cursor(rs.getTimestamp("sort_key").toInstant(), rs.getLong("shopify_id")));
            return mapper(resource).mapRow(rs, n);
        }).list().forEach(items::add);
        String next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = keys.get(limit - 1).encode();
        }
        return new CatalogViews.Page<>(items, next);
    }

    Optional<Object> one(StoreId store, Resource resource, long id) {
        Spec spec = SPECS.get(resource);
        Optional<Object> record = jdbc.sql("select * from " + spec.table() + " t where t.tenant_id = ? and t.shopify_id = ?")
                .params(store.value(), id).query(mapper(resource)).optional();
        return record.map(found -> switch (resource) {
            case ORDERS -> new CatalogViews.OrderDetail((CatalogViews.Order) found,
                    jdbc.sql("select * from order_items where tenant_id = ? and order_id = ? order by shopify_id")
                            .params(store.value(), id).query(CatalogQueries::lineItem).list(),
                    jdbc.sql("select * from refunds where tenant_id = ? and order_id = ? order by created_at, shopify_id")
                            .params(store.value(), id).query(CatalogQueries::refund).list());
            case PRODUCTS -> new CatalogViews.ProductDetail((CatalogViews.Product) found,
                    jdbc.sql("select * from product_variants where tenant_id = ? and product_id = ? order by shopify_id")
                            .params(store.value(), id).query(CatalogQueries::variant).list());
            case CUSTOMERS -> new CatalogViews.CustomerDetail((CatalogViews.Customer) found,
                    jdbc.sql("""
                            select * from orders where tenant_id = ? and customer_id = ?
                            order by processed_at desc, shopify_id desc limit 10""")
                            .params(store.value(), id).query(CatalogQueries::order).list());
            case CHECKOUTS -> found;
        });
    }

    private RowMapper<Object> mapper(Resource resource) {
        return switch (resource) {
            case CUSTOMERS -> CatalogQueries::customer;
            case PRODUCTS -> CatalogQueries::product;
            case ORDERS -> CatalogQueries::order;
            case CHECKOUTS -> this::checkout;
        };
    }

    private static Sort sort(Spec spec, @Nullable String sort) {
        String value = sort == null || sort.isBlank() ? "-updatedAt" : sort.trim();
        boolean descending = value.startsWith("-");
        String field = descending ? value.substring(1) : value;
        String column = switch (field) {
            case "updatedAt" -> "t.updated_at";
            case "createdAt" -> spec.createdColumn();
            case "processedAt" -> spec.processedColumn();
            default -> null;
        };
        if (column == null) {
            throw new CatalogQueryInvalid("sort", "sort must be updatedAt or createdAt"
                    + (spec.processedColumn() != null ? " or processedAt" : "") + ", with a leading '-' for newest first");
        }
        return new Sort(column, descending);
    }

    static Instant instant(String name, String value) {
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CatalogQueryInvalid(name, name + " must be an ISO-8601 date or date-time with offset, e.g. 2025-11-01T00:00:00Z");
        }
        return SupportedDates.check(name, instant);
    }

    private static CatalogViews.Customer customer(ResultSet rs, int n) throws SQLException {
        return new CatalogViews.Customer(Long.toString(rs.getLong("shopify_id")), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("phone"), rs.getString("state"),
                rs.getString("tags"), (Integer) rs.getObject("number_of_orders"), CatalogViews.money(rs.getBigDecimal("amount_spent")),
                rs.getString("currency"), instant(rs.getTimestamp("created_at")), rs.getTimestamp("updated_at").toInstant());
    }

    private static CatalogViews.Product product(ResultSet rs, int n) throws SQLException {
        return new CatalogViews.Product(Long.toString(rs.getLong("shopify_id")), rs.getString("title"), rs.getString("handle"),
                rs.getString("product_type"), rs.getString("vendor"), rs.getString("status"),
                instant(rs.getTimestamp("created_at")), rs.getTimestamp("updated_at").toInstant());
    }

    private static CatalogViews.Variant variant(ResultSet rs, int n) throws SQLException {
        return new CatalogViews.Variant(Long.toString(rs.getLong("shopify_id")), rs.getString("title"), rs.getString("sku"),
                CatalogViews.money(rs.getBigDecimal("price")));
    }

    private static CatalogViews.Order order(ResultSet rs, int n) throws SQLException {
        return new CatalogViews.Order(Long.toString(rs.getLong("shopify_id")), rs.getString("name"), rs.getString("email"),
                CatalogViews.id((Long) rs.getObject("customer_id")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getTimestamp("processed_at").toInstant(),
                instant(rs.getTimestamp("cancelled_at")), rs.getBoolean("test"), rs.getString("financial_status"),
                rs.getString("currency"), rs.getString("presentment_currency"), CatalogViews.money(rs.getBigDecimal("total_price")),
                CatalogViews.money(rs.getBigDecimal("subtotal_price")), CatalogViews.money(rs.getBigDecimal("total_discounts")),
                CatalogViews.money(rs.getBigDecimal("total_tax")), CatalogViews.money(rs.getBigDecimal("total_refunded")),
                CatalogViews.money(rs.getBigDecimal("presentment_total_price")));
    }

    private static CatalogViews.LineItem lineItem(ResultSet rs, int n) throws SQLException {
        return new CatalogViews.LineItem(Long.toString(rs.getLong("shopify_id")), CatalogViews.id((Long) rs.getObject("product_id")),
                CatalogViews.id((Long) rs.getObject("variant_id")), rs.getString("title"), rs.getString("sku"),
                rs.getInt("quantity"), CatalogViews.money(rs.getBigDecimal("price")),
                CatalogViews.money(rs.getBigDecimal("discounted_price")));
    }

    private static CatalogViews.Refund refund(ResultSet rs, int n) throws SQLException {
        return new CatalogViews.Refund(Long.toString(rs.getLong("shopify_id")), rs.getTimestamp("created_at").toInstant(),
                CatalogViews.money(rs.getBigDecimal("amount")));
    }

    private CatalogViews.Checkout checkout(ResultSet rs, int n) throws SQLException {
        return new CatalogViews.Checkout(Long.toString(rs.getLong("shopify_id")), rs.getString("token"), rs.getString("email"),
                CatalogViews.id((Long) rs.getObject("customer_id")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), instant(rs.getTimestamp("completed_at")), rs.getString("currency"),
                CatalogViews.money(rs.getBigDecimal("total_price")), rs.getString("abandoned_checkout_url"),
                json.readTree(rs.getString("line_items")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Opaque to clients: the sort value and id of the last row of a page. */
    private record Cursor(Instant value, long id) {
        String encode() {
            long micros = value.getEpochSecond() * 1_000_000 + value.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
                long micros = Long.parseLong(parts[0]);
                Instant value = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000);
                if (parts.length != 2 || !SupportedDates.contains(value)) {
                    throw new IllegalArgumentException("forged cursor");
                }
                return new Cursor(value, Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw new CatalogQueryInvalid("cursor", "cursor is not one this API handed out");
            }
        }
    }
}
