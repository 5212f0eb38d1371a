package io.storefront.identity;

import io.storefront.platform.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class AuthController {

    record Credentials(@NotBlank @Email @Size(max = 254) String email, @NotBlank String password) {}

    private final Accounts accounts;
    private final RateLimits limits;

    AuthController(Accounts accounts, RateLimits limits) {
        this.accounts = accounts;
        this.limits = limits;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Accounts.SignedIn register(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        limits.checkCredentialAttempt(request.getRemoteAddr(), credentials.email());
        return accounts.register(credentials.email(), credentials.password());
    }

    @PostMapping("/login")
    Accounts.SignedIn login(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        limits.checkCredentialAttempt(request.getRemoteAddr(), credentials.email());
        return accounts.login(credentials.email(), credentials.password());
    }
}
