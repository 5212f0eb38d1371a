package io.storefront.web;

import io.storefront.identity.Accounts;
import io.storefront.platform.RateLimits;
import io.storefront.platform.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * The pages' chain, after the API and operations chains: a session cookie from the sign-in form, CSRF tokens on
 * every form and htmx request, the shared security headers and the same rate limits as the API.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    static final String[] OPEN_PAGES = {"/signin", "/signup", "/static/**", "/webjars/**", "/favicon.ico", "/error"};

    @Bean
    @Order(3)
    SecurityFilterChain pagesChain(HttpSecurity http, Accounts accounts, RateLimits limits) throws Exception {
        http.authenticationProvider(new SignInProvider(accounts, limits))
                .authorizeHttpRequests(a -> a.requestMatchers(OPEN_PAGES).permitAll().anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/signin")
                        .loginProcessingUrl("/signin")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/stores", false)
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof SignInProvider.TooManyAttempts ? "/signin?throttled" : "/signin?error"))))
                .logout(out -> out.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"))
                .headers(SecurityHeaders::apply)
                // before the form login filter, which answers POST /signin itself and would skip a later one
                .addFilterBefore(limits.newFilter(), CsrfFilter.class);
        return http.build();
    }
}
