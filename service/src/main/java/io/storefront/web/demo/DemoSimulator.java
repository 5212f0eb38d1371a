package io.storefront.web.demo;

import dev.storefront.simulator.ShopifySimulator;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.jspecify.annotations.Nullable;

/**
 * In demo mode the service's Shopify is the built-in simulator, started in-process on a free port. The Shopify
 * client reads {@code storefront.shopify.api-base-url} once at start-up; this adds that property, ranked just
 * above application.yml so anything the user set still wins. It also binds the demo to {@code 127.0.0.1}
 * ({@code server.address}), since its sign-in page shows a password; {@code SERVER_ADDRESS} overrides that. The value is computed when first read rather than
 * here, because test properties ({@code storefront.demo=false}) only join the environment after this runs.
 */
public final class DemoSimulator implements EnvironmentPostProcessor, Ordered {

    static final String BASE_URL = "storefront.shopify.api-base-url";
    static final String BASE_URL_ENV = "STOREFRONT_SHOPIFY_API_BASE_URL";
    static final String ADDRESS = "server.address";
    static final String LOOPBACK = "127.0.0.1";

    private static volatile @Nullable ShopifySimulator running;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        DemoBaseUrl source = new DemoBaseUrl(environment);
        sources.stream().filter(s -> s.getName().startsWith("Config resource")).findFirst()
                .ifPresentOrElse(config -> sources.addBefore(config.getName(), source), () -> sources.addLast(source));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The simulator this JVM started for demo mode, if it did. */
    public static Optional<ShopifySimulator> running() {
        return Optional.ofNullable(running);
    }

    private static synchronized ShopifySimulator start() {
        if (running == null) {
            // the demo's public URL is plain http on this machine, which Shopify would refuse for webhooks
            ShopifySimulator simulator = ShopifySimulator.start(0).allowHttpLoopbackWebhooks(true);
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "demo-simulator-stop"));
            running = simulator;
        }
        return running;
    }

    /** Holds the environment in a field: a property source whose source is an Environment gets flattened. */
    static final class DemoBaseUrl extends PropertySource<Object> {

        private final Environment environment;

        DemoBaseUrl(Environment environment) {
            super("storefrontDemoSimulator", new Object());
            this.environment = environment;
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (ADDRESS.equals(name)) {
                return DemoMode.isOn(environment) ? LOOPBACK : null;
            }
            if (!BASE_URL.equals(name) || System.getenv(BASE_URL_ENV) != null || !DemoMode.isOn(environment)) {
                return null;
            }
            return start().baseUrl() + "/{shop}";
        }
    }
}
