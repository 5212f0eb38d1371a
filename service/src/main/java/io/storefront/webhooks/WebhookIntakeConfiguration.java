package io.storefront.webhooks;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebhookIntakeConfiguration {

    /** First of all filters, for the intake path only: see {@link WebhookIntakeFilter}. */
    @Bean
    FilterRegistrationBean<WebhookIntakeFilter> webhookIntakeFilter(WebhookInbox inbox, JsonMapper json) {
        FilterRegistrationBean<WebhookIntakeFilter> registration =
                new FilterRegistrationBean<>(new WebhookIntakeFilter(inbox, json));
        registration.addUrlPatterns(WebhookIntakeFilter.PATH + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
