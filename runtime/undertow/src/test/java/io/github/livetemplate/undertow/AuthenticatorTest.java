package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.undertow.testing.FormPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.server.HttpServerExchange;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Authenticator} on {@code builder.authenticator(...)}, over real Undertow. */
@Timeout(30)
class AuthenticatorTest {
    private static final Pattern TOKEN =
            Pattern.compile("name=\"lvt-csrf\" value=\"([A-Za-z0-9_-]+)\"");

    private static LiveHandler.Builder<FormPage.State> page() {
        return LiveHandler.builder(
                new FormPage.Renderer(), new FormPage.Controller(), FormPage.State.initial());
    }

    /** The user named by {@code Authorization: Token <name>}, as an app's own class. */
    static final class TokenUsers implements Authenticator {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String user(HttpServerExchange exchange) {
            calls.incrementAndGet();
            String h = exchange.getRequestHeaders().getFirst("Authorization");
            return h != null && h.startsWith("Token ") ? h.substring(6) : null;
        }

        @Override
        public SessionGroups sessionGroups() {
            return SessionGroups.PER_USER;
        }

        @Override
        public Refusal refusal() {
            return Refusal.signInPage("/signin");
        }
    }

    private static String token(HttpResponse<String> r) {
        Matcher m = TOKEN.matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    @Test
    void aChallengeRefusesEveryAnonymousRequestWith401() throws Exception {
        Authenticator basic =
                Authenticator.of(
                                ex ->
                                        "Basic YW5uOnB3"
                                                        .equals(
                                                                ex.getRequestHeaders()
                                                                        .getFirst("Authorization"))
                                                ? "ann"
                                                : null)
                        .requireChallenge("Basic realm=\"app\"");
        try (TestServer s = TestServer.with("/f", page().authenticator(basic).build())) {
            // given no credentials: the page load, a JSON post and the upgrade get 401
            HttpResponse<String> get = s.get("/f");
            assertEquals(401, get.statusCode());
            assertEquals(
                    "Basic realm=\"app\"",
                    get.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(401, s.post("/f", "{\"action\":\"add\"}").statusCode());
            assertEquals(401, s.refusedStatus("/f"));
            // given the credentials: served
            assertEquals(200, s.get("/f", "Authorization", "Basic YW5uOnB3").statusCode());
        }
    }

    @Test
    void anAppsOwnAuthenticatorDecidesUserGroupsAndRefusal() throws Exception {
        TokenUsers users = new TokenUsers();
        LiveHandler<FormPage.State> handler = page().authenticator(users).build();
        try (TestServer s = TestServer.with("/f", handler)) {
            // anonymous page load → the sign-in page
            HttpResponse<String> anon = s.get("/f");
            assertEquals(303, anon.statusCode());
            assertEquals("/signin?next=%2Ff", anon.headers().firstValue("Location").orElse(null));

            // two browsers of ann share her group (one token), bob has his own
            int before = users.calls.get();
            String a = token(s.get("/f", "Authorization", "Token ann"));
            assertEquals(before + 1, users.calls.get(), "asked once per request");
            String b = token(s.get("/f", "Authorization", "Token ann"));
            assertEquals(a, b);
            assertNotEquals(a, token(s.get("/f", "Authorization", "Token bob")));

            // a WebSocket of ann's is hers: signing her out closes it
            try (TestServer.WsClient ws = s.connect("/f", "Authorization", "Token ann")) {
                ws.next();
                assertEquals(1, handler.signOut("ann"));
                assertEquals(1008, ws.closed.get(5, java.util.concurrent.TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void theAuthenticatorAndTheShortcutsDoNotMix() {
        LiveHandler.Builder<FormPage.State> b =
                page().authenticator(Authenticator.of(ex -> null)).requireSignIn("/signin");
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("authenticator"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"signin", "//evil.example", "/\\evil", "https://evil.example/", "/a\nb"})
    void aSignInPageMustBeAPathOnThisSite(String path) {
        assertThrows(IllegalArgumentException.class, () -> Authenticator.Refusal.signInPage(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Basic\r\nSet-Cookie: x=1", "Basic realm=\"é\""})
    void aChallengeMustBeOneHeaderValue(String challenge) {
        assertThrows(
                IllegalArgumentException.class, () -> Authenticator.Refusal.challenge(challenge));
    }
}
