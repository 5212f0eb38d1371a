package io.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.catalog.CatalogFixtures;
import io.storefront.web.FormSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed requests generated from the OpenAPI document, sent as a real user owning a real store: every documented
 * operation gets hostile path, query, header and body values, bad JSON and wrong content types, and must never
 * answer 5xx. The web forms are found on the pages themselves and posted (with their CSRF token) with a NUL in
 * each field. Findings are collected so one run lists them all.
 */
class OpenApiFuzzTests extends IntegrationTest {

    /** Raw (unencoded) hostile values for path segments, query parameters and JSON strings. */
    static final List<String> HOSTILE_STRINGS = List.of("\u0000", "a\u0000b", "", " ", "-1", "0", "99999999999999999999",
            "1e309", "NaN", "+300000-01-01T00:00:00Z", "+999999999-12-31", "-999999999-01-01", "9999-12-31T23:59:59-14:00",
            base64(Long.MAX_VALUE + ":" + Long.MAX_VALUE), base64("+300000-01-01T00:00:00Z~1"), base64("x"), "%%",
            "../../etc/passwd", "' or 1=1 --", "[]", "{}", "true", "💥\uFFFF", "x".repeat(4000), UUID.randomUUID().toString());

    /** JSON literals put in place of one property of an otherwise valid body. */
    static final List<String> HOSTILE_JSON = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"\"", "0", "-1", "1e400",
            "123456789012345678901234567890", "true", "[]", "[1,\"a\",null]", "{}", "{\"a\":{\"b\":[]}}", "null",
            "\"" + "x".repeat(20_000) + "\"", "\"+999999999-12-31\"", "\"💥\"");

    /** Whole bodies, each sent as JSON. */
    static final List<String> HOSTILE_BODIES = List.of("", "{", "}", "[]", "null", "1", "\"text\"", "{\"a\":1}",
            "{\"a\":", "{'single':'quotes'}", "{\"a\":1,\"a\":2}", "[".repeat(5000) + "]".repeat(5000), "\u0000");

    static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=UTF-16",
            "application/octet-stream");

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Below the per-user burst, so every request reaches its handler rather than the rate limiter. */
    static final int REQUESTS_PER_CALLER = 80;

    @Autowired JdbcClient jdbc;

    record Request(String label, String method, String path, Map<String, String> headers, byte @Nullable [] body) {}

    record Finding(String request, int status, String body) {}

    /** A fresh user with a store of their own, so a probe that deletes or renames it spoils no other probe. */
    final class Caller {
        final Api.Session user = api().newUser();
        final UUID store = CatalogFixtures.newStore(jdbc, user.userId()).value();
        int sent;
    }

    @Test
    void no_documented_operation_answers_5xx_to_a_malformed_request() {
        JsonNode doc = api().get("/v3/api-docs", null, null).json();
        List<Finding> findings = new ArrayList<>();
        int operations = 0;
        int sent = 0;
        for (var path : doc.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations++;
                Caller caller = new Caller();
                for (Function<Caller, Request> probe : probes(doc, path.getKey(), method, operation.getValue())) {
                    if (caller.sent++ >= REQUESTS_PER_CALLER) {
                        caller = new Caller();
                        caller.sent++;
                    }
                    Request request = probe.apply(caller);
                    HttpResponse<String> response = send(request);
                    sent++;
                    if (response.statusCode() >= 500) {
                        findings.add(new Finding(request.label(), response.statusCode(),
                                response.body().substring(0, Math.min(300, response.body().length()))));
                    }
                }
            }
        }
        assertThat(operations).as("operations in /v3/api-docs").isGreaterThan(15);
        assertThat(sent).isGreaterThan(1000);
        assertThat(findings).isEmpty();
    }

    @Test
    void no_web_form_answers_5xx_to_a_nul_byte_in_any_field() {
        Api.Session user = api().newUser();
        UUID store = CatalogFixtures.newStore(jdbc, user.userId()).value();
        FormSession anonymous = FormSession.anonymous(api());
        FormSession signedIn = FormSession.signedIn(api(), user);
        Map<String, List<String>> forms = new LinkedHashMap<>();
        Map<String, FormSession> sessions = new LinkedHashMap<>();
        for (String page : List.of("/signin", "/signup")) {
            forms(anonymous.get(page).body()).forEach((action, fields) -> {
                forms.put(action, fields);
                sessions.put(action, anonymous);
            });
        }
        for (String page : List.of("/stores", "/stores/new", "/stores/" + store, "/stores/" + store + "/dashboard")) {
            forms(signedIn.get(page).body()).forEach((action, fields) -> {
                forms.putIfAbsent(action, fields);
                sessions.putIfAbsent(action, signedIn);
            });
        }
        assertThat(forms.keySet()).as("forms found on the pages")
                .contains("/signin", "/signup", "/stores", "/stores/install", "/signout");

        List<Finding> findings = new ArrayList<>();
        forms.forEach((action, fields) -> {
            for (String poisoned : fields) {
                Map<String, String> values = new LinkedHashMap<>();
                fields.forEach(f -> values.put(f, f.equals(poisoned) ? "a\u0000b" : "fuzz"));
                Api.Response response = sessions.get(action).post(action, values);
                if (response.status() != 400 || !response.body().contains("\"field\":\"" + poisoned + "\"")) {
                    findings.add(new Finding("POST " + action + " with a NUL in " + poisoned, response.status(),
                            response.body().substring(0, Math.min(300, response.body().length()))));
                }
            }
        });
        assertThat(findings).isEmpty();
    }

    /** action → field names (without the CSRF token) of every POST form, and the dashboard's GET form. */
    private static Map<String, List<String>> forms(String html) {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        Matcher form = Pattern.compile("<form([^>]*)>(.*?)</form>", Pattern.DOTALL).matcher(html);
        while (form.find()) {
            Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(form.group(1));
            if (!form.group(1).toLowerCase().contains("method=\"post\"") || !action.find()) {
                continue;
            }
            List<String> fields = Pattern.compile("name=\"([^\"]+)\"").matcher(form.group(2)).results()
                    .map(m -> m.group(1)).filter(n -> !n.equals("_csrf")).distinct().collect(Collectors.toList());
            fields.add("unexpected");
            forms.put(action.group(1), fields);
        }
        return forms;
    }

    private List<Function<Caller, Request>> probes(JsonNode doc, String template, String method, JsonNode operation) {
        List<Function<Caller, Request>> probes = new ArrayList<>();
        List<String> pathNames = Pattern.compile("\\{([^}]+)}").matcher(template).results().map(m -> m.group(1)).toList();
        List<String> queryNames = new ArrayList<>();
        operation.path("parameters").forEach(p -> {
            if (p.path("in").asString().equals("query")) {
                queryNames.add(p.path("name").asString());
            }
        });
        JsonNode schema = resolve(doc, operation.path("requestBody").path("content").path("application/json").path("schema"));
        boolean hasBody = operation.has("requestBody");
        String label = method + " " + template;

        probes.add(c -> request(label + " as documented", method, path(template, c, Map.of()), "", c, validBody(doc, schema), null));
        for (String name : pathNames) {
            for (String value : HOSTILE_STRINGS) {
                probes.add(c -> request(label + " {" + name + "}=" + shown(value), method,
                        path(template, c, Map.of(name, value)), "", c, validBody(doc, schema), null));
            }
        }
        for (String name : queryNames) {
            for (String value : HOSTILE_STRINGS) {
                probes.add(c -> request(label + " ?" + name + "=" + shown(value), method, path(template, c, Map.of()),
                        "?" + name + "=" + encode(value), c, validBody(doc, schema), null));
            }
        }
        Random random = new Random(17);
        for (int i = 0; i < 5 && !queryNames.isEmpty(); i++) {
            String query = queryNames.stream().map(n -> n + "=" + encode(HOSTILE_STRINGS.get(random.nextInt(HOSTILE_STRINGS.size()))))
                    .collect(Collectors.joining("&", "?", ""));
            probes.add(c -> request(label + " " + shown(query), method, path(template, c, Map.of()), query, c,
                    validBody(doc, schema), null));
        }
        for (String tenant : List.of("not-a-uuid", UUID.randomUUID().toString(), "")) {
            probes.add(c -> {
                Request r = request(label + " X-Tenant-Id=" + tenant, method, path(template, c, Map.of()), "", c,
                        validBody(doc, schema), null);
                Map<String, String> headers = new LinkedHashMap<>(r.headers());
                headers.put("X-Tenant-Id", tenant);
                return new Request(r.label(), r.method(), r.path(), headers, r.body());
            });
        }
        if (hasBody || !method.equals("GET") && !method.equals("DELETE")) {
            for (var property : schema.path("properties").properties()) {
                for (String value : HOSTILE_JSON) {
                    probes.add(c -> {
                        ObjectNode body = validBody(doc, schema);
                        String json = body.deepCopy().put(property.getKey(), "__HOLE__").toString()
                                .replace("\"__HOLE__\"", value);
                        return request(label + " body." + property.getKey() + "=" + shown(value), method,
                                path(template, c, Map.of()), "", c, json, null);
                    });
                }
                probes.add(c -> {
                    ObjectNode body = validBody(doc, schema);
                    body.remove(property.getKey());
                    return request(label + " body without " + property.getKey(), method, path(template, c, Map.of()), "",
                            c, body.toString(), null);
                });
            }
            probes.add(c -> request(label + " body with an extra field", method, path(template, c, Map.of()), "", c,
                    validBody(doc, schema).put("unexpected\u0000", "x").toString(), null));
            for (String body : HOSTILE_BODIES) {
                probes.add(c -> request(label + " body " + shown(body), method, path(template, c, Map.of()), "", c, body, null));
            }
            for (String type : WRONG_CONTENT_TYPES) {
                probes.add(c -> request(label + " as " + type, method, path(template, c, Map.of()), "", c,
                        validBody(doc, schema).toString(), type));
            }
            probes.add(c -> new Request(label + " body of invalid UTF-8", method, path(template, c, Map.of()),
                    headers(c, "application/json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        }
        return probes;
    }

    /** A body of the documented shape with plausible values, so a probe changes one thing at a time. */
    private ObjectNode validBody(JsonNode doc, JsonNode schema) {
        ObjectNode body = Api.JSON.createObjectNode();
        for (var property : schema.path("properties").properties()) {
            JsonNode p = resolve(doc, property.getValue());
            String name = property.getKey();
            if (p.has("enum")) {
                body.put(name, p.path("enum").get(0).asString());
            } else if (name.toLowerCase().contains("email") || p.path("format").asString().equals("email")) {
                body.put(name, "fuzz-" + UUID.randomUUID() + "@example.com");
            } else if (name.toLowerCase().contains("domain")) {
                body.put(name, "fuzz-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
            } else if (name.equals("password")) {
                body.put(name, "correct horse battery staple");
            } else {
                switch (p.path("type").asString()) {
                    case "integer", "number" -> body.put(name, 1);
                    case "boolean" -> body.put(name, true);
                    case "array" -> body.putArray(name);
                    case "object" -> body.putObject(name);
                    default -> body.put(name, "fuzz");
                }
            }
        }
        return body;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/") ? doc.at(ref.substring(1)) : schema;
    }

    private static String path(String template, Caller caller, Map<String, String> hostile) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = hostile.containsKey(name) ? encode(hostile.get(name)) : switch (name) {
                case "resource" -> "orders";
                case "table" -> "orders-by-date";
                case "shopifyId" -> "1";
                default -> caller.store.toString();
            };
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return m.appendTail(path).toString();
    }

    private Request request(String label, String method, String path, String query, Caller caller, Object body,
            @Nullable String contentType) {
        String text = body.toString();
        boolean sendsBody = !method.equals("GET") && !method.equals("DELETE");
        return new Request(label, method, path + query, headers(caller, contentType == null ? "application/json" : contentType),
                sendsBody ? text.getBytes(StandardCharsets.UTF_8) : null);
    }

    private static Map<String, String> headers(Caller caller, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + caller.user.token());
        headers.put("X-Tenant-Id", caller.store.toString());
        headers.put("Content-Type", contentType);
        return headers;
    }

    private HttpResponse<String> send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api().base() + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!value.isEmpty() && (request.body() != null || !name.equals("Content-Type"))) {
                builder.header(name, value);
            }
        });
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.label(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shown(String value) {
        String escaped = value.replace("\u0000", "\\u0000");
        return escaped.length() > 40 ? escaped.substring(0, 40) + "…(" + value.length() + ")" : escaped;
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
