package org.journeyplatform.api.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser on the web pages, as plain HTTP: it keeps its cookies, follows no redirect, and signs in through the login
 * form with the CSRF token the form carries.
 */
public final class LoginForm {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final int port;

    public LoginForm(int port) {
        this.port = port;
    }

    /** Fills in the login form and sends it; extra headers (name, value, ...) go with the form. */
    public ApiClient.Response signIn(String username, String password, String... headers) {
        ApiClient.Response page = get("/login");
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("No CSRF token in the login page: " + page);
        }
        String form =
                "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
        HttpRequest.Builder request = request("/login")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Sends a form as it is, with no CSRF token added: what a page on another site can make a browser send. */
    public ApiClient.Response postWithoutToken(String path, String form) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    /** Sends a form with the CSRF token of the page at {@code pagePath}, as the browser sends a page's own form. */
    public ApiClient.Response postFromPage(String pagePath, String path, String form) {
        ApiClient.Response page = get(pagePath);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("No CSRF token in the page " + pagePath + ": " + page);
        }
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(token.group(1))))
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    public ApiClient.Response get(String path) {
        return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    private ApiClient.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
