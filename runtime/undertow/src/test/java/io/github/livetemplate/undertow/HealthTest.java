package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.HealthCheck;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import io.github.livetemplate.undertow.testing.Await;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live and ready handlers: JSON answers, failing and hung checks, shutdown. */
@Timeout(30)
class HealthTest {
    volatile String failure;
    final CountDownLatch hang = new CountDownLatch(1);
    volatile boolean hanging;
    volatile long slowMillis;
    LiveHandler<TestPage.Page> page;
    TestServer server;

    @BeforeEach
    void start() {
        page =
                LiveHandler.builder(
                                new TestPage.Renderer(false),
                                new TestPage.Controller(),
                                TestPage.Page.initial())
                        .build();
        Health health =
                Health.builder()
                        .check("store", HealthCheck.sessionStore(new MemorySessionStore()))
                        .check("broadcaster", HealthCheck.broadcaster(page.broadcaster()))
                        .check(
                                "flaky",
                                () -> {
                                    if (failure != null) {
                                        throw new IllegalStateException(failure);
                                    }
                                })
                        .check(
                                "slow",
                                () -> {
                                    if (hanging) {
                                        hang.await(10, TimeUnit.SECONDS);
                                    }
                                    if (slowMillis > 0) {
                                        Thread.sleep(slowMillis);
                                    }
                                })
                        .timeout(Duration.ofMillis(300))
                        .drains(page)
                        .build();
        server =
                new TestServer(
                        Handlers.path()
                                .addExactPath("/health/live", health.live())
                                .addExactPath("/health/ready", health.ready())
                                .addPrefixPath("/counter", page));
    }

    @AfterEach
    void stop() {
        hang.countDown();
        server.close();
    }

    JsonNode ready(int status) throws Exception {
        HttpResponse<String> r = server.get("/health/ready");
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return TestServer.json(r.body());
    }

    static String error(JsonNode answer, String check) {
        for (JsonNode c : answer.get("checks")) {
            if (c.get("name").asText().equals(check)) {
                return c.get("status").asText().equals("healthy") ? null : c.get("error").asText();
            }
        }
        throw new AssertionError("no check " + check + " in " + answer);
    }

    @Test
    void healthyChecksAnswer200WithEveryCheck() throws Exception {
        JsonNode r = ready(200);
        assertEquals("healthy", r.get("status").asText());
        assertEquals(4, r.get("checks").size());
        Instant.parse(r.get("timestamp").asText());
        assertTrue(r.get("total_time_ms").isNumber());
        JsonNode live = TestServer.json(server.get("/health/live").body());
        assertEquals("healthy", live.get("status").asText());
    }

    @Test
    void aFailingCheckAnswers503WithItsError() throws Exception {
        failure = "disk full";
        JsonNode r = ready(503);
        assertEquals("unhealthy", r.get("status").asText());
        assertEquals("disk full", error(r, "flaky"));
        assertEquals(null, error(r, "store"), "the others still reported");
        failure = null;
        ready(200);
    }

    @Test
    void aHungCheckTimesOutAndIsNotStartedTwice() throws Exception {
        hanging = true;
        assertTrue(error(ready(503), "slow").startsWith("timed out"));
        assertTrue(error(ready(503), "slow").contains("still running"));
        assertEquals(200, server.get("/health/live").statusCode(), "live runs no check");
        hanging = false;
        hang.countDown();
        Await.until(
                () -> {
                    try {
                        return server.get("/health/ready").statusCode() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                },
                "ready again once the check returns");
    }

    /** Found by the soak run: concurrent probes of a healthy check got 503 "still running". */
    @Test
    void overlappingProbesOfAHealthyCheckAllAnswer200() throws Exception {
        slowMillis = 100; // well within the 300 ms timeout
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> probes =
                new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            probes.add(
                    server.http.sendAsync(
                            server.request("/health/ready").GET().build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        for (var p : probes) {
            HttpResponse<String> r = p.get(10, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    @Test
    void notReadyWhileShuttingDown() throws Exception {
        assertTrue(page.shutdown(Duration.ofSeconds(2)));
        assertEquals("shutting down", error(ready(503), "shutdown"));
    }
}
