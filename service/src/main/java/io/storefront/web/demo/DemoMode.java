package io.storefront.web.demo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code storefront.demo} (env {@code STOREFRONT_DEMO}): {@code true} or {@code false} when set, otherwise on
 * exactly when the service runs embedded, i.e. no {@code spring.datasource.url} was given.
 */
public final class DemoMode implements Condition {

    public static boolean isOn(Environment environment) {
        String configured = environment.getProperty("storefront.demo", "").trim();
        if (!configured.isEmpty()) {
            return Boolean.parseBoolean(configured);
        }
        return environment.getProperty("spring.datasource.url", "").isBlank();
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isOn(context.getEnvironment());
    }
}
