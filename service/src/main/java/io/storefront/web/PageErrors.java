package io.storefront.web;

import io.storefront.tenants.StoreNotFound;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Pages answer with pages: ahead of the platform's problem+json advice, a store that is not yours (or a malformed
 * id) is the 404 page. Also puts the signed-in user into every page's model for the header.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler({StoreNotFound.class, MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("me", me());
        return "not-found";
    }

    @ModelAttribute("me")
    @Nullable SessionUser me() {
        return CurrentUser.find().orElse(null);
    }
}
