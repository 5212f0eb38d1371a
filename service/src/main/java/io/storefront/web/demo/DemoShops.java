package io.storefront.web.demo;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Remembers when the demo shop's generated history ends, across restarts. */
@Component
@Conditional(DemoMode.class)
class DemoShops {

    private final JdbcClient jdbc;

    DemoShops(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The instant first remembered for the shop; {@code now} if this is its first start. */
    Instant historyUntil(String domain, Instant now) {
        jdbc.sql("insert into demo_shops (shop_domain, history_until) values (?, ?) on conflict (shop_domain) do nothing")
                .params(domain, Timestamp.from(now)).update();
        return jdbc.sql("select history_until from demo_shops where shop_domain = ?").param(domain)
                .query(Timestamp.class).single().toInstant();
    }
}
