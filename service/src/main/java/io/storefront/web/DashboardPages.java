package io.storefront.web;

import io.storefront.tenants.StoreConnections;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import io.storefront.tenants.StoreSummary;
import io.storefront.tenants.Stores;
import io.storefront.web.DashboardFigures.Figures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** A store's dashboard for a date range, and each of its tables as CSV. */
@Controller
class DashboardPages {

    private final Stores stores;
    private final StoreConnections connections;
    private final Optional<DashboardFigures> figures;
    private final JsonMapper json;
    private final Clock clock;

    DashboardPages(Stores stores, StoreConnections connections, Optional<DashboardFigures> figures, JsonMapper json,
            Clock clock) {
        this.stores = stores;
        this.connections = connections;
        this.figures = figures;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/stores/{id}/dashboard")
    String dashboard(@PathVariable UUID id, @RequestParam(required = false) @Nullable String range,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            Model model) {
        StoreSummary store = summary(id);
        DashboardRange period = range(store, range, from, to);
        model.addAttribute("store", store);
        model.addAttribute("range", period);
        model.addAttribute("available", figures.isPresent());
        if (figures.isPresent()) {
            Figures data = figures.get().load(new StoreId(id), period.start(), period.end());
            DashboardView view = new DashboardView(data);
            model.addAttribute("figures", data);
            model.addAttribute("view", view);
            model.addAttribute("kpis", view.kpis());
            model.addAttribute("ordersChart", DashboardView.json(json, view.ordersChart()));
            model.addAttribute("productChart", DashboardView.json(json, view.salesChart(data.revenueByProduct())));
            model.addAttribute("typeChart", DashboardView.json(json, view.salesChart(data.revenueByProductType())));
        }
        return "dashboard";
    }

    @GetMapping("/stores/{id}/dashboard/{table}.csv")
    ResponseEntity<byte[]> csv(@PathVariable UUID id, @PathVariable String table,
            @RequestParam(required = false) @Nullable String range, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        StoreSummary store = summary(id);
        DashboardRange period = range(store, range, from, to);
        Figures data = figures.orElseThrow(StoreNotFound::new).load(new StoreId(id), period.start(), period.end());
        Csv csv = switch (table) {
            case "orders-by-date" -> {
                Csv c = new Csv("date", "orders", "revenue");
                data.ordersByDate().forEach(d -> c.row(d.date(), d.orders(), d.revenue()));
                yield c;
            }
            case "top-customers" -> {
                Csv c = new Csv("customer", "email", "orders", "revenue");
                data.topCustomers().forEach(t -> c.row(t.name(), t.email(), t.orders(), t.revenue()));
                yield c;
            }
            case "revenue-by-product" -> sales("product", data.revenueByProduct());
            case "revenue-by-product-type" -> sales("product_type", data.revenueByProductType());
            case "abandoned-checkouts" -> {
                Csv c = new Csv("created_at", "email", "value", "recovery_url");
                data.abandonedCheckouts().forEach(a -> c.row(a.createdAt(), a.email(), a.value(), a.recoveryUrl()));
                yield c;
            }
            default -> throw new StoreNotFound();
        };
        String filename = store.shopifyDomain().replace(".myshopify.com", "") + "-" + table + "-" + period.start()
                + "-to-" + period.end() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Csv sales(String name, java.util.List<DashboardFigures.Sales> sales) {
        Csv c = new Csv(name, "units", "revenue");
        sales.forEach(s -> c.row(s.name(), s.units(), s.revenue()));
        return c;
    }

    private StoreSummary summary(UUID id) {
        StoreId store = stores.ownedBy(CurrentUser.get().userId(), id).orElseThrow(StoreNotFound::new);
        return connections.get(CurrentUser.get().userId(), store.value());
    }

    private DashboardRange range(StoreSummary store, @Nullable String range, @Nullable String from, @Nullable String to) {
        ZoneId zone;
        try {
            zone = ZoneId.of(store.timezone());
        } catch (RuntimeException unknownZone) {
            zone = ZoneId.of("UTC");
        }
        return DashboardRange.of(range, from, to, LocalDate.now(clock.withZone(zone)));
    }
}
