package io.storefront;

import java.io.IOException;
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

/** A signed-in browser without the browser: the session cookie and the pages' CSRF token, over plain HTTP. */
public final class WebSession {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private String cookie = "";

    private WebSession(String base) {
        this.base = base;
    }

    /** Signs in through the sign-in form, as the page would. */
    public static WebSession signIn(Api api, String email, String password) {
        WebSession session = new WebSession(api.base());
        HttpResponse<String> form = session.get("/signin");
        HttpResponse<String> signedIn = session.postForm("/signin", csrf(form.body()),
                Map.of("email", email, "password", password));
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + signedIn.headers());
        }
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a form of the page at {@code formPage} with that page's CSRF token. */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
        return postForm(action, csrf(get(formPage).body()), fields);
    }

    private HttpResponse<String> postForm(String path, String csrf, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&", ""));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                    .findFirst().ifPresent(c -> cookie = c.split(";", 2)[0]);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        if (m.find()) {
            return m.group(1);
        }
        Matcher meta = CSRF_META.matcher(page);
        if (meta.find()) {
            return meta.group(1);
        }
        throw new IllegalStateException("no CSRF token on the page");
    }
}
