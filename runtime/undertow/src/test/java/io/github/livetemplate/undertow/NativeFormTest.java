package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.engine.CsrfTokens;
import io.github.livetemplate.undertow.testing.FormPage;
import io.github.livetemplate.undertow.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Forms posted without the client (JavaScript off, or {@code lvt-form:no-intercept}) over real
 * HTTP: Post/Redirect/Get, errors re-rendered with the typed values, flash after the redirect, and
 * the CSRF rules (docs/runtime.md, "Forms without JavaScript" and "Security").
 */
@Timeout(30)
class NativeFormTest {
    private static final Pattern TOKEN =
            Pattern.compile("name=\"lvt-csrf\" value=\"([A-Za-z0-9_-]+)\"");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final FormPage.Controller controller = new FormPage.Controller();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private TestServer serve(LiveHandler.Builder<FormPage.State> b) {
        TestServer s = TestServer.with("/f", b.build());
        closeables.add(s);
        return s;
    }

    private LiveHandler.Builder<FormPage.State> page() {
        return LiveHandler.builder(new FormPage.Renderer(), controller, FormPage.State.initial());
    }

    /** A browser: its cookie and the token its page carries. */
    record Browser(String cookie, String token) {}

    private static Browser visit(TestServer s) throws Exception {
        HttpResponse<String> r = s.get("/f");
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher m = TOKEN.matcher(r.body());
        assertTrue(m.find(), "the page carries a token: " + r.body());
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), m.group(1));
    }

    private static String form(String... pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append(sb.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static HttpResponse<String> post(
            TestServer s, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b =
                s.request(path)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return s.send(b.build());
    }

    // ------------------------------------------------------------------ Post/Redirect/Get

    @Test
    void successRedirectsToThePageWhichShowsTheFlashOnce() throws Exception {
        TestServer s = serve(page());
        Browser b = visit(s);

        HttpResponse<String> r =
                post(
                        s,
                        "/f?tab=2",
                        form("lvt-csrf", b.token(), "email", "a@example.com", "save", ""),
                        "Cookie",
                        b.cookie());

        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/f?tab=2", r.headers().firstValue("Location").orElse(null));
        assertEquals(List.of("save {email=a@example.com}"), controller.runs);
        String after = s.get("/f?tab=2", "Cookie", b.cookie()).body();
        assertTrue(after.contains("<p class=\"flash\">saved=Welcome a@example.com</p>"), after);
        String again = s.get("/f?tab=2", "Cookie", b.cookie()).body();
        assertTrue(again.contains("<p class=\"flash\"></p>"), "flash shown once: " + again);
    }

    @Test
    void errorsReRenderThePageWithTheFieldsMarkedAndTheTypedValuesKept() throws Exception {
        TestServer s = serve(page());
        Browser b = visit(s);

        HttpResponse<String> r =
                post(
                        s,
                        "/f",
                        form(
                                "lvt-csrf",
                                b.token(),
                                "email",
                                "not-an-address",
                                "pw",
                                "secret",
                                "bio",
                                "<hi> & bye",
                                "news",
                                "on",
                                "save",
                                ""),
                        "Cookie",
                        b.cookie());

        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<p class=\"err\">email=not an e-mail address</p>"), html);
        assertTrue(
                html.contains(
                        "<input name=\"email\" aria-invalid=\"true\" value=\"not-an-address\">"),
                html);
        assertTrue(html.contains("<input type=\"password\" name=\"pw\">"), "no password echo");
        assertTrue(html.contains("<textarea name=\"bio\">&lt;hi&gt; &amp; bye</textarea>"), html);
        assertTrue(html.contains("<input type=\"checkbox\" name=\"news\" checked>"), html);
        assertTrue(TOKEN.matcher(html).find(), "the re-rendered form carries the token");
    }

    // ------------------------------------------------------------------ routing

    @Test
    void theActionIsRoutedAsTheClientWould() throws Exception {
        record Case(String body, String ran) {}
        TestServer s = serve(page());
        Browser b = visit(s);
        String t = "lvt-csrf=" + b.token() + "&";
        List<Case> cases =
                List.of(
                        new Case(t + "lvt-action=add&lvt-submitter=other&x=1", "add {x=1}"),
                        new Case(t + "lvt-submitter=other&x=1", "other {x=1}"),
                        new Case(t + "x=1&delete=", "delete {x=1}"),
                        new Case(t + "x=&delete=&lvt-form=add", "delete {x=}"),
                        new Case(t + "delete=&save=&lvt-form=add", "add {delete=, save=}"),
                        new Case(t + "pw=&x=1", "submit {pw=, x=1}"),
                        new Case(t + "lvt-form=add&x=1", "add {x=1}"),
                        new Case(t + "x=1&x=2", "submit {x=[1, 2]}"),
                        new Case(t + "action=delete", "submit {action=delete}"));
        for (Case c : cases) {
            controller.runs.clear();
            HttpResponse<String> r = post(s, "/f", c.body(), "Cookie", b.cookie());
            assertEquals(303, r.statusCode(), c.body() + ": " + r.body());
            assertEquals(List.of(c.ran()), controller.runs, c.body());
        }
    }

    @Test
    void multipartFormsRunTheirActionAndFilesAreLeftOut() throws Exception {
        TestServer s = serve(page());
        Browser b = visit(s);
        String boundary = "----lvt" + System.nanoTime();
        String body =
                part(boundary, "lvt-csrf", null, b.token())
                        + part(boundary, "email", null, "m@example.com")
                        + part(boundary, "avatar", "a.png", "PNG")
                        + part(boundary, "save", null, "")
                        + "--"
                        + boundary
                        + "--\r\n";
        HttpResponse<String> r =
                s.send(
                        s.request("/f")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .header("Cookie", b.cookie())
                                .build());
        assertEquals(303, r.statusCode(), r.body());
        assertEquals(List.of("save {email=m@example.com}"), controller.runs);
    }

    private static String part(String boundary, String name, String file, String value) {
        return "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\""
                + (file == null ? "" : "; filename=\"" + file + "\"\r\nContent-Type: image/png")
                + "\r\n\r\n"
                + value
                + "\r\n";
    }

    @Test
    void aFormLargerThanTheLimitIsRefused() throws Exception {
        TestServer s = serve(page().maxFormBytes(2048));
        Browser b = visit(s);
        HttpResponse<String> r =
                post(
                        s,
                        "/f",
                        form("lvt-csrf", b.token(), "bio", "x".repeat(5000), "save", ""),
                        "Cookie",
                        b.cookie());
        assertEquals(413, r.statusCode());
        assertTrue(controller.runs.isEmpty());
    }

    @Test
    void theSwitchTurnsNativeFormsOff() throws Exception {
        TestServer s = serve(page().nativeForms(false));
        Browser b = visit(s);
        HttpResponse<String> r =
                post(s, "/f", form("lvt-csrf", b.token(), "save", ""), "Cookie", b.cookie());
        assertEquals(415, r.statusCode());
        assertTrue(controller.runs.isEmpty());
    }

    // ------------------------------------------------------------------ CSRF

    @Test
    void requestsThatCannotProveTheyComeFromOurPageAreRefusedAndRunNothing() throws Exception {
        record Case(String what, String body, String[] headers) {}
        LiveHandler<FormPage.State> handler = page().build();
        TestServer s = TestServer.with("/f", handler);
        closeables.add(s);
        Browser b = visit(s);
        Browser other = visit(s);
        String ok = "email=a%40b&save=&lvt-csrf=";
        List<Case> cases =
                List.of(
                        new Case(
                                "no token",
                                "email=a%40b&save=",
                                new String[] {"Cookie", b.cookie()}),
                        new Case("wrong token", ok + "AAAA", new String[] {"Cookie", b.cookie()}),
                        new Case(
                                "another session's token",
                                ok + other.token(),
                                new String[] {"Cookie", b.cookie()}),
                        new Case("no session cookie", ok + b.token(), new String[] {}),
                        new Case(
                                "foreign Origin",
                                ok + b.token(),
                                new String[] {"Cookie", b.cookie(), "Origin", "http://evil.test"}),
                        new Case(
                                "Sec-Fetch-Site: cross-site",
                                ok + b.token(),
                                new String[] {
                                    "Cookie", b.cookie(), "Sec-Fetch-Site", "cross-site"
                                }));
        for (Case c : cases) {
            HttpResponse<String> r = post(s, "/f", c.body(), c.headers());
            assertEquals(403, r.statusCode(), c.what() + ": " + r.body());
        }
        assertTrue(controller.runs.isEmpty(), "nothing ran: " + controller.runs);
        assertEquals(cases.size(), handler.refusedRequests());

        // the same post with the page's own origin and token runs
        HttpResponse<String> r =
                post(
                        s,
                        "/f",
                        ok + b.token(),
                        "Cookie",
                        b.cookie(),
                        "Origin",
                        s.origin(),
                        "Sec-Fetch-Site",
                        "same-origin");
        assertEquals(303, r.statusCode());
    }

    @Test
    void jsonPostsAndWebSocketsAreRefusedCrossSite() throws Exception {
        TestServer s = serve(page());
        String cookie = visit(s).cookie();
        HttpResponse<String> json =
                s.post(
                        "/f",
                        "{\"action\":\"add\"}",
                        "Cookie",
                        cookie,
                        "Sec-Fetch-Site",
                        "cross-site");
        assertEquals(403, json.statusCode());
        assertEquals(403, s.refusedStatus("/f", "Cookie", cookie, "Sec-Fetch-Site", "cross-site"));
        assertTrue(controller.runs.isEmpty());
    }

    @Test
    void everyPageTreeAndFrameCarriesTheSessionsTokenNeverThePlaceholder() throws Exception {
        TestServer s = serve(page());
        Browser b = visit(s);
        String tree = s.get("/f", "Cookie", b.cookie(), "Accept", "application/json").body();
        assertTrue(tree.contains("value=\\\"" + b.token() + "\\\""), tree);
        try (TestServer.WsClient ws = s.connect("/f", "Cookie", b.cookie())) {
            String first = ws.next();
            assertTrue(first.contains(b.token()), first);
            assertFalse(first.contains(CsrfTokens.PLACEHOLDER), first);
        }
        // the client sends the hidden field along with a form's data; the action never sees it
        HttpResponse<String> r =
                s.post(
                        "/f",
                        "{\"action\":\"add\",\"data\":{\"lvt-csrf\":\""
                                + b.token()
                                + "\",\"x\":1}}",
                        "Cookie",
                        b.cookie());
        assertEquals(200, r.statusCode());
        assertEquals(List.of("add {x=1}"), controller.runs);
    }

    @Test
    void aRotatedSecretsTokensAreAcceptedDuringTheGracePeriodOnly() throws Exception {
        byte[] old = new byte[32];
        byte[] current = new byte[32];
        current[0] = 1;
        TestServer during = serve(page().csrfSecret(current, old, Duration.ofHours(1)));
        TestServer after = serve(page().csrfSecret(current, old, Duration.ZERO));
        for (TestServer s : List.of(during, after)) {
            String cookie = visit(s).cookie();
            String group = cookie.substring(cookie.indexOf('=') + 1);
            String oldToken = CsrfTokens.of(old, null, 0, System::currentTimeMillis).token(group);
            HttpResponse<String> r =
                    post(s, "/f", form("lvt-csrf", oldToken, "save", ""), "Cookie", cookie);
            assertEquals(s == during ? 200 : 403, r.statusCode(), r.body());
        }
    }
}
