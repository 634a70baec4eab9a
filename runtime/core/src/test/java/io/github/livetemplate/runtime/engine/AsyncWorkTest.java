package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ctx.async}: work off the queue, applied on it; cancelled on disconnect; WebSocket only.
 */
@Timeout(20)
class AsyncWorkTest {
    private final EngineFixture page = new EngineFixture();

    /** Waits (bounded) for frames until one matches; returns every frame seen. */
    private static List<JsonNode> until(
            EngineFixture.Client c, java.util.function.Predicate<JsonNode> done)
            throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (String f : c.frames()) {
                JsonNode n = EngineFixture.parse(f);
                seen.add(n);
                if (done.test(n)) {
                    return seen;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("timed out; frames: " + seen);
    }

    @Test
    void thePageAnswersOtherActionsWhileTheWorkRunsThenAppliesItToTheCurrentState()
            throws Exception {
        page.controller.release = new CountDownLatch(1);
        EngineFixture.Client c = page.connect("g");
        c.frames();

        c.act("slow");
        assertEquals("working", c.reply().get("tree").get("1").asText(), "the pending flag");
        c.act("increment"); // while the work runs
        assertEquals("1", c.reply().get("tree").get("0").asText(), "still responsive");

        page.controller.release.countDown();
        List<JsonNode> frames = until(c, n -> n.path("tree").has("1"));
        JsonNode applied = frames.get(frames.size() - 1);
        assertEquals("6", applied.get("tree").get("0").asText(), "5 added to the current 1");
        assertEquals("done", applied.get("tree").get("1").asText());
    }

    @Test
    void closingTheConnectionInterruptsTheWorkAndNothingIsApplied() throws Exception {
        EngineFixture.Client c = page.connect("g");
        c.frames();
        c.act("hang");
        assertEquals("hanging", c.reply().get("tree").get("1").asText());
        assertTrue(page.controller.started.await(5, TimeUnit.SECONDS), "work started");

        c.close();

        assertTrue(page.controller.interrupted.await(5, TimeUnit.SECONDS), "work interrupted");
        Thread.sleep(100);
        assertEquals(List.of(), c.frames(), "apply never ran");
    }

    @Test
    void overHttpItIsAClearError() {
        Reply r = page.http("g", Map.of()).receive("{\"action\":\"slow\"}".getBytes());
        String body = new String(r.last(), StandardCharsets.UTF_8);
        assertTrue(body.contains("ctx.async needs a WebSocket"), body);
        assertTrue(body.contains("\"success\":false"), body);
    }
}
