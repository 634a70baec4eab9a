package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.redis.testing.TestRedis;
import io.github.livetemplate.undertow.LiveHandler;
import io.github.livetemplate.undertow.testing.FormPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * Post/Redirect/Get behind a load balancer without stickiness: two Undertow instances share a
 * {@link RedisSessionStore} on a real {@code redis-server}; a native form post succeeds on A, the
 * browser's GET of the redirect target lands on B, and B shows the action's flash, once.
 */
@Timeout(60)
class FlashAcrossInstancesTest {
    private static final Pattern TOKEN =
            Pattern.compile("name=\"lvt-csrf\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String FLASH = "<p class=\"flash\">saved=Welcome a@example.com</p>";
    private static final String NO_FLASH = "<p class=\"flash\"></p>";

    @Test
    void theFlashOfAPostOnOneInstanceShowsOnceOnTheOther() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisSessionStore storeA =
                        new RedisSessionStore(
                                redis.url(), Duration.ofSeconds(100), Duration.ofSeconds(2));
                RedisSessionStore storeB =
                        new RedisSessionStore(
                                redis.url(), Duration.ofSeconds(100), Duration.ofSeconds(2));
                Jedis raw = new Jedis("127.0.0.1", redis.port(), 2000);
                TestServer a = new TestServer(Handlers.path().addPrefixPath("/f", page(storeA)));
                TestServer b = new TestServer(Handlers.path().addPrefixPath("/f", page(storeB)))) {
            // given a browser that loaded the page from A
            HttpResponse<String> page = a.get("/f");
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            Matcher m = TOKEN.matcher(page.body());
            assertTrue(m.find(), page.body());

            // when its form post succeeds on A
            HttpResponse<String> posted =
                    a.send(
                            a.request("/f")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "lvt-csrf="
                                                            + m.group(1)
                                                            + "&email=a%40example.com&save="))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Accept", "text/html")
                                    .header("Cookie", cookie)
                                    .build());
            assertEquals(303, posted.statusCode(), posted.body());
            // the browser keeps the short-lived cookie that says a flash waits
            String waiting =
                    posted.headers().allValues("Set-Cookie").stream()
                            .filter(c -> c.startsWith("lvt-flash="))
                            .findFirst()
                            .orElseThrow();
            assertTrue(waiting.contains("Max-Age=60"), waiting);
            String cookies = cookie + "; " + waiting.split(";")[0];

            // then the flash waits in Redis, with a short TTL
            String key = "livetemplate:session:flash:" + cookie.split("=", 2)[1] + "|/f";
            long ttl = raw.pttl(key);
            assertTrue(ttl > 0 && ttl <= 60_000, "a short TTL: " + ttl + " ms on " + raw.keys("*"));

            // and the redirect's GET on B shows it, once; A does not show it either afterwards
            HttpResponse<String> redirected = b.get("/f", "Cookie", cookies);
            assertTrue(redirected.body().contains(FLASH), redirected.body());
            assertNull(raw.get(key), "taken");
            assertTrue(
                    redirected.headers().allValues("Set-Cookie").stream()
                            .anyMatch(
                                    c ->
                                            c.startsWith("lvt-flash=;")
                                                    && c.contains("Expires=Thu, 01-Jan-1970")),
                    "the cookie deleted: " + redirected.headers().allValues("Set-Cookie"));
            String again = b.get("/f", "Cookie", cookies).body();
            assertTrue(again.contains(NO_FLASH), "shown once: " + again);
            String onA = a.get("/f", "Cookie", cookies).body();
            assertFalse(onA.contains(FLASH), "not on A either: " + onA);
        }
    }

    private static LiveHandler<FormPage.State> page(RedisSessionStore store) {
        return LiveHandler.builder(
                        new FormPage.Renderer(),
                        new FormPage.Controller(),
                        FormPage.State.initial())
                .sessionStore(store)
                .build();
    }
}
