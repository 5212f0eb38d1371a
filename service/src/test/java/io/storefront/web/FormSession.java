package io.storefront.web;

import io.storefront.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser's session over plain HTTP: cookies kept, forms posted with the page's CSRF token. */
public final class FormSession {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    private FormSession(String base) {
        this.base = base;
    }

    /** Signed in through the sign-in form as a user the JSON API registered. */
    public static FormSession signedIn(Api api, Api.Session user) {
        FormSession session = new FormSession(api.base());
        Api.Response signedIn = session.post("/signin", Map.of("email", user.email(), "password", "correct horse battery staple"));
        if (signedIn.status() != 302 || !signedIn.header("Location").endsWith("/stores")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.status() + " " + signedIn.header("Location"));
        }
        return session;
    }

    /** Not signed in: for the sign-up and sign-in forms. */
    public static FormSession anonymous(Api api) {
        return new FormSession(api.base());
    }

    public Api.Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts the form with the CSRF token of a freshly fetched page of this session. */
    public Api.Response post(String path, Map<String, String> fields) {
        Api.Response page = get("/signin");
        Matcher token = CSRF.matcher(page.status() == 200 ? page.body() : get("/stores").body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        String form = fields.entrySet().stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&", ""));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Api.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
