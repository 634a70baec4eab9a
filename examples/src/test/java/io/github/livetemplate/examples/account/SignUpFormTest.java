package io.github.livetemplate.examples.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.examples.Main;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generated sign-up page over plain HTTP, as a browser without JavaScript uses it: the
 * processor put the CSRF field into its POST form, the runtime stamped it, and a native post runs
 * {@code signUp}.
 */
@Timeout(30)
class SignUpFormTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Accounts accounts = new Accounts();
    private Undertow server;
    private String base;

    @BeforeEach
    void start() {
        server =
                Main.start(
                        "127.0.0.1",
                        0,
                        Handlers.path()
                                .addPrefixPath("/signup", Main.signUpPage(accounts).build()));
        base = "http://127.0.0.1:" + Main.port(server) + "/signup";
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aNativePostWithErrorsReRendersAndACorrectOneRedirects() throws Exception {
        HttpResponse<String> page =
                http.send(
                        HttpRequest.newBuilder(URI.create(base)).build(),
                        HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m =
                Pattern.compile(
                                "<form method=\"POST\" name=\"signUp\" novalidate>"
                                        + "<input type=\"hidden\" name=\"lvt-csrf\""
                                        + " value=\"([A-Za-z0-9_-]{43})\">"
                                        + "<input type=\"hidden\" name=\"lvt-form\""
                                        + " value=\"signUp\">")
                        .matcher(page.body());
        assertTrue(m.find(), page.body());
        String token = m.group(1);

        HttpResponse<String> bad =
                post(
                        cookie,
                        "lvt-csrf="
                                + token
                                + "&lvt-form=signUp&name=Ada&email=nope"
                                + "&password=short&signUp=");
        assertEquals(200, bad.statusCode());
        assertTrue(bad.body().contains("That does not look like an e-mail address."), bad.body());
        assertTrue(
                bad.body().contains("value=\"nope\" aria-invalid=\"true\"")
                        || bad.body().contains("aria-invalid=\"true\""),
                bad.body());

        HttpResponse<String> good =
                post(
                        cookie,
                        "lvt-csrf="
                                + token
                                + "&lvt-form=signUp&name=Ada"
                                + "&email=ada%40example.com&password=long+enough&signUp=");
        assertEquals(303, good.statusCode(), good.body());
        assertEquals(
                "/signin?created=1&email=ada%40example.com",
                good.headers().firstValue("Location").orElseThrow());
        assertTrue(accounts.exists("ada@example.com"));
    }

    private HttpResponse<String> post(String cookie, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
