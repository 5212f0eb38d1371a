package io.storefront.web;

import io.storefront.tenants.StoreConnections;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import io.storefront.tenants.StoreSummary;
import io.storefront.tenants.Stores;
import io.storefront.web.DashboardFigures.Carts;
import io.storefront.web.DashboardFigures.Figures;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** A store's dashboard for a date range, and each of its tables as CSV. */
@Controller
class DashboardPages {

    /** Abandoned checkouts per page of the dashboard, and per read while a CSV streams. */
    static final int CART_ROWS = 50;
    static final int CSV_PAGE = 500;
    static final Set<String> TABLES = Set.of("orders-by-date", "top-customers", "revenue-by-product",
            "revenue-by-product-type", "abandoned-checkouts");

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
            @RequestParam(required = false) @Nullable String carts, Model model) {
        StoreSummary store = summary(id);
        DashboardRange period = range(store, range, from, to);
        model.addAttribute("store", store);
        model.addAttribute("range", period);
        model.addAttribute("available", figures.isPresent());
        // built here: written into a template attribute, a custom range's "&from=" part went missing from the links
        String query = "?range=" + period.preset()
                + (period.isCustom() ? "&from=" + period.start() + "&to=" + period.end() : "");
        model.addAttribute("query", query);
        if (figures.isPresent()) {
            Figures data = figures.get().load(new StoreId(id), period.start(), period.end(),
                    period.comparedWith().start(), period.comparedWith().end());
            Carts page = figures.get().carts(new StoreId(id), period.start(), period.end(), carts, CART_ROWS);
            DashboardView view = new DashboardView(data, page);
            model.addAttribute("carts", page);
            String here = "/stores/" + id + "/dashboard" + query;
            model.addAttribute("cartsFirst", carts == null ? null : here + "#abandoned");
            model.addAttribute("cartsNext", page.nextCursor() == null ? null
                    : here + "&carts=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8) + "#abandoned");
            model.addAttribute("figures", data);
            model.addAttribute("view", view);
            model.addAttribute("kpis", view.kpis());
            model.addAttribute("ordersChart", DashboardView.json(json, view.ordersChart()));
            model.addAttribute("productChart", DashboardView.json(json, view.salesChart(data.revenueByProduct())));
            model.addAttribute("typeChart", DashboardView.json(json, view.salesChart(data.revenueByProductType())));
        }
        return "dashboard";
    }

    /**
     * The whole list for the range, written to the response as it is read (abandoned checkouts a page at a time),
     * so a download never stops at the rows the page shows.
     */
    @GetMapping("/stores/{id}/dashboard/{table}.csv")
    void csv(@PathVariable UUID id, @PathVariable String table, @RequestParam(required = false) @Nullable String range,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            HttpServletResponse response) throws IOException {
        StoreSummary store = summary(id);
        DashboardRange period = range(store, range, from, to);
        DashboardFigures source = figures.orElseThrow(StoreNotFound::new);
        StoreId storeId = new StoreId(id);
        if (!TABLES.contains(table)) {
            throw new StoreNotFound();
        }
        String filename = store.shopifyDomain().replace(".myshopify.com", "") + "-" + table + "-" + period.start()
                + "-to-" + period.end() + ".csv";
        response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString());
        Writer out = response.getWriter();
        switch (table) {
            case "orders-by-date" -> {
                Csv c = new Csv(out, "date", "orders", "revenue");
                source.load(storeId, period.start(), period.end(), period.comparedWith().start(),
                                period.comparedWith().end()).ordersByDate()
                        .forEach(d -> c.row(d.date(), d.orders(), d.revenue()));
            }
            case "top-customers" -> {
                Csv c = new Csv(out, "customer", "email", "orders", "revenue");
                source.allCustomers(storeId, period.start(), period.end())
                        .forEach(t -> c.row(t.name(), t.email(), t.orders(), t.revenue()));
            }
            case "revenue-by-product" -> sales(out, "product", source.allSales(storeId, period.start(), period.end(), false));
            case "revenue-by-product-type" ->
                    sales(out, "product_type", source.allSales(storeId, period.start(), period.end(), true));
            default -> {
                Csv c = new Csv(out, "created_at", "email", "value", "recovery_url");
                String cursor = null;
                do {
                    Carts page = source.carts(storeId, period.start(), period.end(), cursor, CSV_PAGE);
                    page.rows().forEach(a -> c.row(a.createdAt(), a.email(), a.value(), a.recoveryUrl()));
                    out.flush();
                    cursor = page.nextCursor();
                } while (cursor != null);
            }
        }
        out.flush();
    }

    private static void sales(Writer out, String name, List<DashboardFigures.Sales> sales) {
        Csv c = new Csv(out, name, "units", "revenue");
        sales.forEach(s -> c.row(s.name(), s.units(), s.revenue()));
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
