package io.storefront.web;

import io.storefront.identity.Accounts;
import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.platform.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.storefront.web.demo.DemoAccount;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** Sign up and sign in; the sign-in form is posted to Spring Security's form login, sign-out to its logout. */
@Controller
class AccountPages {

    record SignUpForm(@Nullable String email, @Nullable String password) {}

    private final Accounts accounts;
    private final RateLimits limits;
    private final Optional<DemoAccount> demo;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    AccountPages(Accounts accounts, RateLimits limits, Optional<DemoAccount> demo) {
        this.accounts = accounts;
        this.limits = limits;
        this.demo = demo;
    }

    @GetMapping("/")
    String home() {
        return CurrentUser.find().isPresent() ? "redirect:/stores" : "redirect:/signin";
    }

    @GetMapping("/signin")
    String signIn(Model model) {
        if (CurrentUser.find().isPresent()) {
            return "redirect:/stores";
        }
        demo.flatMap(DemoAccount::credentials).ifPresent(c -> model.addAttribute("demo", c));
        return "signin";
    }

    @GetMapping("/signup")
    String signUpForm(Model model) {
        model.addAttribute("form", new SignUpForm("", ""));
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(SignUpForm form, Model model, HttpServletRequest request, HttpServletResponse response) {
        String email = form.email() == null ? "" : form.email().trim();
        String password = form.password() == null ? "" : form.password();
        model.addAttribute("form", new SignUpForm(email, ""));
        if (email.isEmpty() || !email.contains("@")) {
            model.addAttribute("emailError", "Enter your email address, e.g. you@example.com.");
            return "signup";
        }
        Accounts.User user;
        try {
            limits.checkCredentialAttempt(request.getRemoteAddr(), email);
            user = accounts.register(email, password).user();
        } catch (RateLimits.TooManyRequests e) {
            model.addAttribute("formError", "Too many attempts from your address. Wait a few minutes and try again.");
            return "signup";
        } catch (ApiException e) {
            String detail = e.getBody().getDetail();
            if ("/problems/email-taken".equals(String.valueOf(e.getBody().getType()))) {
                model.addAttribute("emailError", detail);
            } else {
                model.addAttribute("passwordError", detail);
            }
            return "signup";
        }
        signIn(new SessionUser(user.id(), user.email()), request, response);
        return "redirect:/stores?welcome";
    }

    private void signIn(SessionUser user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SignInProvider.signedIn(user));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
    }
}
