package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestPage.Page;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many concurrent uploads do not exhaust memory: a JVM limited to 128 MB of heap serves 20 clients
 * each uploading 20 MB at once, in the client's 256 KiB chunks sent without waiting, and every file
 * arrives intact. The uploads run in a child JVM ({@link #main}) so that its heap can be limited.
 */
class UploadMemoryTest {
    static final int CLIENTS = 20;
    static final int SIZE = 20_000_000;
    static final int CHUNK = 256 * 1024;

    @Test
    @Timeout(240)
    void twentyParallelTwentyMegabyteUploadsFitInA128MegabyteHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p =
                new ProcessBuilder(
                                java.toString(),
                                "-Xmx128m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                UploadMemoryTest.class.getName())
                        .redirectErrorStream(true)
                        .start();
        boolean ended = p.waitFor(200, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the child JVM did not finish in time:\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("all " + CLIENTS + " files intact"), out);
    }

    /** The bytes of chunk {@code index} of client {@code client}'s file, made up on the fly. */
    static byte[] chunk(int client, int index) {
        int from = index * CHUNK;
        byte[] b = new byte[Math.min(CHUNK, SIZE - from)];
        new Random(client * 100_003L + index).nextBytes(b);
        return b;
    }

    /** The child JVM: the server and the clients, no file held whole anywhere. */
    public static void main(String[] args) throws Exception {
        Path staging = Files.createTempDirectory("lvt-upload-memory-");
        UploadWebSocketTest.Uploading controller = new UploadWebSocketTest.Uploading();
        LiveHandler<Page> handler =
                LiveHandler.builder(new TestPage.Renderer(false), controller, Page.initial())
                        .uploads(staging, 100_000_000)
                        .build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (TestServer server = new TestServer(Handlers.path().addPrefixPath("/bulk", handler))) {
            List<Future<String>> sent = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                sent.add(clients.submit(() -> upload(server, client)));
            }
            Set<String> expected = new TreeSet<>();
            for (Future<String> f : sent) {
                expected.add(f.get(180, TimeUnit.SECONDS));
            }
            Set<String> received = new TreeSet<>();
            for (int i = 0; i < CLIENTS; i++) {
                received.add(controller.seen.poll(10, TimeUnit.SECONDS).sha256());
            }
            if (!expected.equals(received)) {
                throw new AssertionError("sent " + expected + " but received " + received);
            }
            if (handler.droppedMessages() != 0) {
                throw new AssertionError(handler.droppedMessages() + " messages dropped");
            }
            try (var left = Files.list(staging)) {
                if (left.findAny().isPresent()) {
                    throw new AssertionError("staged files left behind");
                }
            }
            long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            System.out.println("all " + CLIENTS + " files intact (max heap " + max + " MB)");
        } finally {
            clients.shutdownNow();
            Files.deleteIfExists(staging);
        }
        System.exit(0);
    }

    /** Sends one message, waiting as long as backpressure holds it (bounded). */
    static void send(TestServer.WsClient ws, String text) throws Exception {
        ws.socket.sendText(text, true).get(60, TimeUnit.SECONDS);
    }

    /** Uploads one client's file like the 0.25.1 client does; returns its SHA-256. */
    static String upload(TestServer server, int client) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (TestServer.WsClient ws = server.connect("/bulk")) {
            ws.messages.poll(60, TimeUnit.SECONDS); // the first tree
            send(
                    ws,
                    "{\"action\":\"upload_start\",\"upload_name\":\"bulk\",\"files\":[{\"name\":\"f"
                            + client
                            + ".bin\",\"type\":\"application/octet-stream\",\"size\":"
                            + SIZE
                            + "}]}");
            JsonNode entries = TestServer.json(ws.messages.poll(60, TimeUnit.SECONDS));
            String id = entries.get("entries").get(0).get("entry_id").asText();
            for (int i = 0, at = 0; at < SIZE; i++, at += CHUNK) {
                byte[] b = chunk(client, i);
                sha.update(b);
                send(
                        ws,
                        "{\"action\":\"upload_chunk\",\"entry_id\":\""
                                + id
                                + "\",\"chunk_base64\":\""
                                + Base64.getEncoder().encodeToString(b)
                                + "\",\"offset\":"
                                + at
                                + ",\"total\":"
                                + SIZE
                                + "}");
                ws.messages.clear(); // progress frames: not kept
            }
            send(
                    ws,
                    "{\"action\":\"upload_complete\",\"upload_name\":\"bulk\",\"entry_ids\":[\""
                            + id
                            + "\"]}");
            for (int i = 0; i < 200; i++) {
                String text = ws.messages.poll(60, TimeUnit.SECONDS);
                if (text == null) {
                    throw new IOException("client " + client + ": no answer to upload_complete");
                }
                JsonNode m = TestServer.json(text);
                if (m.has("success")) {
                    if (!m.get("success").asBoolean()) {
                        throw new IOException("client " + client + ": " + m);
                    }
                    break;
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
