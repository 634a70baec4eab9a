package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.testing.LogCapture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLimiterTest {
    private static final String LOGGER = "io.github.livetemplate.test.limiter";

    @Test
    void aFloodOfOneKindIsOneLineThenOneSummaryPerWindow() throws Exception {
        try (LogCapture log = new LogCapture(LOGGER)) {
            // given a limiter with windows of 300 ms
            LogLimiter limiter =
                    new LogLimiter(
                            LoggerFactory.getLogger(LOGGER), TimeUnit.MILLISECONDS.toNanos(300));

            // when 200 connections are closed as too slow at once, and one client sends a bad frame
            for (int i = 0; i < 200; i++) {
                limiter.warn("client-too-slow", "closing connection {}", i);
            }
            limiter.warn("bad-frame", "bad frame from {}", "x", new IllegalStateException("boom"));

            // then each kind logged its first line (with its stack trace), the rest only counted
            assertEquals(
                    List.of(
                            "kind=client-too-slow closing connection 0",
                            "kind=bad-frame bad frame from x"),
                    messages(log));
            assertEquals("boom", log.records.get(1).getThrown().getMessage());

            // and when the window ends, one line tells how many were left out
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (log.records.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(400); // no summary for a kind that left nothing out
            List<String> after = messages(log);
            assertEquals(3, after.size(), after.toString());
            assertTrue(
                    after.get(2)
                            .startsWith(
                                    "kind=client-too-slow suppressed=199 199 more like the last one"),
                    after.get(2));

            // and a later one opens a new window and is logged in full
            limiter.warn("client-too-slow", "closing connection {}", 200);
            assertEquals("kind=client-too-slow closing connection 200", messages(log).get(3));
        }
    }

    private static List<String> messages(LogCapture log) {
        return log.at(Level.WARNING).stream().map(LogRecord::getMessage).toList();
    }
}
