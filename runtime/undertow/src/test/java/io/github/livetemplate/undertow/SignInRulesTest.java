package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.undertow.testing.FormPage;
import io.github.livetemplate.undertow.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code requireSignIn}, {@code sessionGroupPerUser} and {@code signOut} over real HTTP. */
@Timeout(30)
class SignInRulesTest {
    private static final Pattern TOKEN =
            Pattern.compile("name=\"lvt-csrf\" value=\"([A-Za-z0-9_-]+)\"");

    private static LiveHandler.Builder<FormPage.State> page() {
        return LiveHandler.builder(
                        new FormPage.Renderer(),
                        new FormPage.Controller(),
                        FormPage.State.initial())
                .identify(ex -> ex.getRequestHeaders().getFirst("X-User"));
    }

    private static String token(HttpResponse<String> r) {
        Matcher m = TOKEN.matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    @Test
    void anonymousRequestsAreSentToSignInOrGet401() throws Exception {
        try (TestServer s = TestServer.with("/f", page().requireSignIn("/signin").build())) {
            HttpResponse<String> get = s.get("/f?tab=2");
            assertEquals(303, get.statusCode());
            assertEquals(
                    "/signin?next=%2Ff%3Ftab%3D2",
                    get.headers().firstValue("Location").orElse(null));
            HttpResponse<String> post = s.post("/f", "{\"action\":\"add\"}");
            assertEquals(401, post.statusCode());
            assertEquals(
                    "LiveTemplate realm=\"sign-in\"",
                    post.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(401, s.refusedStatus("/f"));
            assertEquals(200, s.get("/f", "X-User", "ann").statusCode());
        }
    }

    @Test
    void withGroupsPerUserTwoBrowsersOfOneUserShareTheGroup() throws Exception {
        try (TestServer s = TestServer.with("/f", page().sessionGroupPerUser(true).build())) {
            // two browsers (no shared cookie) of one user get the same group, hence token
            String a = token(s.get("/f", "X-User", "ann"));
            String b = token(s.get("/f", "X-User", "ann"));
            String other = token(s.get("/f", "X-User", "bob"));
            assertEquals(a, b);
            assertTrue(!a.equals(other));
            // and the token of one browser works from the other (no cookie at all)
            HttpResponse<String> r =
                    s.send(
                            s.request("/f")
                                    .POST(
                                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    "lvt-csrf=" + a + "&add="))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("X-User", "ann")
                                    .build());
            assertEquals(303, r.statusCode(), r.body());
        }
    }

    @Test
    void signOutClosesEveryOpenSocketOfTheUser() throws Exception {
        LiveHandler<FormPage.State> handler = page().build();
        try (TestServer s = TestServer.with("/f", handler);
                TestServer.WsClient one = s.connect("/f", "X-User", "ann");
                TestServer.WsClient two = s.connect("/f", "X-User", "ann");
                TestServer.WsClient bob = s.connect("/f", "X-User", "bob")) {
            one.next();
            two.next();
            bob.next();
            assertEquals(2, handler.signOut("ann"));
            assertEquals(1008, one.closed.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1008, two.closed.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(bob.call("{\"action\":\"add\"}").get("meta").get("success").asBoolean());
        }
    }
}
