package io.github.livetemplate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.undertow.testing.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev launcher end to end: {@link RestartApp} on real Undertow in a child JVM, restarted when a
 * file of the watched folder changes; a WebSocket with the page's session cookie reconnects to the
 * new JVM and gets its state back when the record's shape still fits, or a fresh mount when it does
 * not. The record "edit" is the child choosing another record for the same page.
 */
@Timeout(240)
class DevLauncherTest {
    /** A child JVM start on a loaded machine: generous, still bounded. */
    static final long START_SECONDS = 60;

    @TempDir Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRestartKeepsTheCountWhenTheRecordStillFitsAndMountsWhenItDoesNot() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path variant = classes.resolve("variant.txt");
        Files.writeString(variant, "tally");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DevLauncher launcher =
                new DevLauncher(
                        new DevLauncher.Options(
                                List.of(classes),
                                null,
                                null,
                                dir.resolve("state").resolve("states.json"),
                                List.of(),
                                DevLauncher.classPath(),
                                RestartApp.class.getName(),
                                List.of(Integer.toString(port), variant.toString())));
        Thread watching =
                new Thread(
                        () -> {
                            try {
                                launcher.run();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "dev-launcher");
        watching.setDaemon(true);
        watching.start();
        String base = "127.0.0.1:" + port + "/tally";
        try {
            String cookie = session("http://" + base);
            TestServer.WsClient ws = connect("ws://" + base, cookie);
            assertEquals("0", ws.nextJson().get("tree").get("0").asText());
            ws.send("{\"action\":\"inc\",\"data\":{}}");
            ws.send("{\"action\":\"inc\",\"data\":{}}");
            ws.nextJson();
            assertEquals("2", ws.nextJson().get("tree").get("0").asText());

            // Given a compatible edit (a component added with a default): the count comes back.
            long edited = System.nanoTime();
            Files.writeString(variant, "step");
            TestServer.WsClient again = reconnect(ws, "ws://" + base, cookie);
            JsonNode tree = again.nextJson().get("tree");
            long millis = (System.nanoTime() - edited) / 1_000_000;
            System.out.println("dev launcher: state back " + millis + " ms after the change");
            assertEquals("2", tree.get("0").asText(), tree.toString());
            assertEquals("one", tree.get("1").asText(), "the new component's default");
            again.send("{\"action\":\"inc\",\"data\":{}}");
            assertEquals("3", again.nextJson().get("tree").get("0").asText());

            // Given an incompatible edit (count renamed): the page mounts afresh.
            Files.writeString(variant, "renamed");
            TestServer.WsClient third = reconnect(again, "ws://" + base, cookie);
            JsonNode mounted = third.nextJson().get("tree");
            assertTrue(mounted.toString().contains("Clicks: "), mounted.toString());
            assertEquals("0", mounted.get("0").asText());
            third.close();
            assertEquals(3, launcher.starts());
        } finally {
            launcher.close();
            watching.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Loads the page once the child serves it; its session cookie. */
    private String session(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    String c = r.headers().firstValue("Set-Cookie").orElse(null);
                    assertNotNull(c, "the page sets a session cookie");
                    return c.substring(0, c.indexOf(';'));
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        fail("the application did not start within " + START_SECONDS + " s");
        return null;
    }

    private TestServer.WsClient connect(String url, String cookie) throws Exception {
        TestServer.WsClient c = new TestServer.WsClient();
        c.socket =
                http.newWebSocketBuilder()
                        .header("Cookie", cookie)
                        .buildAsync(URI.create(url), c)
                        .get(5, TimeUnit.SECONDS);
        return c;
    }

    /** Waits for the old JVM to close {@code old}, then connects to the new one. */
    private TestServer.WsClient reconnect(TestServer.WsClient old, String url, String cookie)
            throws Exception {
        old.closed.get(START_SECONDS, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                return connect(url, cookie);
            } catch (java.util.concurrent.ExecutionException e) {
                Thread.sleep(50); // the new JVM is not listening yet
            }
        }
        fail("no new server within " + START_SECONDS + " s");
        return null;
    }
}
