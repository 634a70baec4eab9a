package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.UploadedFile;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.generated.UploadDeclaration;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestPage.Page;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volume-mode uploads over a real WebSocket (docs/protocol.md §9.1) against Undertow on loopback:
 * the entries answer with server-side checks, chunks streamed to a private staging directory with
 * progress, the declared action receiving the files, refusals that keep the session, cancel and the
 * clean-up on completion, refusal and disconnect.
 */
@Timeout(60)
class UploadWebSocketTest {
    static final int CHUNK = 256 * 1024;
    static final long BUDGET = 2_000_000;
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    /** What the completion action saw of one file, read during the action. */
    record Seen(UploadedFile file, String sha256, boolean existed) {}

    /** The test page's actions plus two uploads; the completion action records what it got. */
    static final class Uploading implements Actions<Page> {
        final TestPage.Controller counter = new TestPage.Controller();
        final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

        @Override
        public List<UploadDeclaration> uploads() {
            return List.of(
                    new UploadDeclaration(
                            "avatar",
                            List.of("image/png", ".jpg"),
                            1,
                            1_000_000,
                            true,
                            "upload_avatar_complete"),
                    new UploadDeclaration("docs", List.of(), 3, 1_500_000, false, "attach"),
                    new UploadDeclaration("bulk", List.of(), 1, 20_000_000, true, "attach"));
        }

        @Override
        public Set<String> names() {
            Set<String> n = new java.util.HashSet<>(counter.names());
            n.add("upload_avatar_complete");
            n.add("attach");
            return n;
        }

        @Override
        public Page run(String name, Page s, Context ctx) throws Exception {
            if (name.equals("upload_avatar_complete") || name.equals("attach")) {
                List<UploadedFile> files = new ArrayList<>(ctx.uploads("avatar"));
                files.addAll(ctx.uploads("docs"));
                files.addAll(ctx.uploads("bulk"));
                for (UploadedFile f : files) {
                    seen.add(new Seen(f, sha256(f), Files.exists(f.path())));
                }
                return new Page(s.count() + files.size(), s.title(), s.errors(), s.flash());
            }
            return counter.run(name, s, ctx);
        }

        @Override
        public Page withPageData(Page state, FieldErrors errors, Flash flash) {
            return counter.withPageData(state, errors, flash);
        }
    }

    @TempDir Path staging;
    Uploading controller;
    LiveHandler<Page> handler;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(staging.resolve("lvt-upload-left-over.part"), "from an earlier run");
        controller = new Uploading();
        handler =
                LiveHandler.builder(new TestPage.Renderer(false), controller, Page.initial())
                        .uploads(staging, BUDGET)
                        .build();
        server = new TestServer(Handlers.path().addPrefixPath("/profile", handler));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ------------------------------------------------------------------ helpers

    /** The SHA-256 of a file, streamed (never the whole file in memory). */
    static String sha256(UploadedFile f) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = f.open()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A PNG-signed file of {@code size} random bytes. */
    static byte[] png(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy(PNG, 0, b, 0, Math.min(PNG.length, size));
        return b;
    }

    TestServer.WsClient connect() throws Exception {
        TestServer.WsClient ws = server.connect("/profile");
        assertTrue(ws.nextJson().has("tree"), "first message is the tree");
        return ws;
    }

    static String start(String upload, String... nameTypeSize) {
        StringBuilder b =
                new StringBuilder("{\"action\":\"upload_start\",\"upload_name\":\"")
                        .append(upload)
                        .append("\",\"files\":[");
        for (int i = 0; i < nameTypeSize.length; i += 3) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"name\":\"")
                    .append(nameTypeSize[i])
                    .append("\",\"type\":\"")
                    .append(nameTypeSize[i + 1])
                    .append("\",\"size\":")
                    .append(nameTypeSize[i + 2])
                    .append('}');
        }
        return b.append("]}").toString();
    }

    static String chunk(String entry, byte[] file, int from, int to, long offset) {
        return "{\"action\":\"upload_chunk\",\"entry_id\":\""
                + entry
                + "\",\"chunk_base64\":\""
                + Base64.getEncoder().encodeToString(Arrays.copyOfRange(file, from, to))
                + "\",\"offset\":"
                + offset
                + ",\"total\":"
                + file.length
                + "}";
    }

    static String complete(String upload, String... ids) {
        return "{\"action\":\"upload_complete\",\"upload_name\":\""
                + upload
                + "\",\"entry_ids\":[\""
                + String.join("\",\"", ids)
                + "\"]}";
    }

    /** Sends the whole file in client-sized chunks; returns the progress frames. */
    static List<JsonNode> sendAll(TestServer.WsClient ws, String entry, byte[] file)
            throws Exception {
        List<JsonNode> progress = new ArrayList<>();
        for (int at = 0; at < file.length; at += CHUNK) {
            progress.add(ws.call(chunk(entry, file, at, Math.min(file.length, at + CHUNK), at)));
        }
        return progress;
    }

    /** Files in the staging directory (bounded wait until it holds {@code expected}). */
    List<Path> staged(int expected) throws Exception {
        List<Path> files = List.of();
        for (int i = 0; i < 100; i++) {
            try (Stream<Path> s = Files.list(staging)) {
                files = s.toList();
            }
            if (files.size() == expected) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return files;
    }

    // ------------------------------------------------------------------ the happy path

    @Test
    void aFileArrivesInChunksWithProgressAndTheActionGetsItThenItIsDeleted() throws Exception {
        byte[] file = png(600_000);
        assertEquals(List.of(), staged(0), "leftovers of an earlier run are deleted at start-up");
        try (TestServer.WsClient ws = connect()) {
            JsonNode entries = ws.call(start("avatar", "me.png", "image/png", "600000"));
            assertEquals(
                    TestServer.json(
                            "{\"upload_name\":\"avatar\",\"entries\":[{\"entry_id\":\"e1\","
                                    + "\"client_name\":\"me.png\",\"valid\":true,"
                                    + "\"auto_upload\":true,\"mode\":\"volume\"}]}"),
                    entries);

            List<JsonNode> progress = sendAll(ws, "e1", file);
            assertEquals(3, progress.size());
            long[] received =
                    progress.stream().mapToLong(p -> p.get("bytes_recv").asLong()).toArray();
            assertArrayEquals(new long[] {CHUNK, 2 * CHUNK, 600_000}, received);
            assertEquals("upload_progress", progress.get(0).get("type").asText());
            assertEquals(43, progress.get(0).get("progress").asInt());
            assertEquals(100, progress.get(2).get("progress").asInt());
            assertEquals(600_000, progress.get(2).get("bytes_total").asLong());
            assertEquals("me.png", progress.get(2).get("client_name").asText());
            assertEquals(1, staged(1).size(), "one staging file while it arrives");

            ws.send(complete("avatar", "e1"));
            assertEquals(
                    TestServer.json("{\"upload_name\":\"avatar\",\"success\":true}"),
                    ws.nextJson());
            JsonNode update = ws.nextJson();
            assertEquals("1", update.get("tree").get("0").asText(), "the action's state is sent");
            assertEquals("upload_avatar_complete", update.get("meta").get("action").asText());

            Seen seen = controller.seen.poll(5, TimeUnit.SECONDS);
            assertEquals("me.png", seen.file().clientName());
            assertEquals("image/png", seen.file().clientType());
            assertEquals(600_000, seen.file().size());
            assertEquals(sha256(file), seen.sha256());
            assertTrue(seen.existed(), "the file is there during the action");
            assertEquals(staging, seen.file().path().getParent());
            assertFalse(Files.exists(seen.file().path()), "and deleted after it");
            assertEquals(List.of(), staged(0));
        }
    }

    @Test
    void theStagingNameIsNeverTheClientsAndTheDirectoryIsPrivate() throws Exception {
        byte[] file = png(1000);
        try (TestServer.WsClient ws = connect()) {
            ws.call(start("avatar", "../../escape.png", "image/png", "1000"));
            sendAll(ws, "e1", file);
            ws.send(complete("avatar", "e1"));
            ws.next();
            ws.next();
        }
        Seen seen = controller.seen.poll(5, TimeUnit.SECONDS);
        assertEquals("../../escape.png", seen.file().clientName());
        assertEquals(staging, seen.file().path().getParent());
        assertTrue(seen.file().path().getFileName().toString().startsWith("lvt-upload-"));
        assertFalse(Files.exists(staging.getParent().getParent().resolve("escape.png")));
        assertEquals(
                "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(staging)));
    }

    @Test
    void aJpgByExtensionPassesWhenItsBytesAreJpeg() throws Exception {
        byte[] file = png(5000);
        file[0] = (byte) 0xff;
        file[1] = (byte) 0xd8;
        file[2] = (byte) 0xff;
        try (TestServer.WsClient ws = connect()) {
            ws.call(start("avatar", "photo.JPG", "image/jpeg", "5000"));
            sendAll(ws, "e1", file);
            ws.send(complete("avatar", "e1"));
            assertTrue(ws.nextJson().get("success").asBoolean());
        }
        assertEquals(sha256(file), controller.seen.poll(5, TimeUnit.SECONDS).sha256());
    }

    // ------------------------------------------------------------------ upload_start refusals

    record StartCase(String upload, String[] files, List<String> errors) {}

    @Test
    void theServerChecksEachAnnouncedFileWhateverTheClientClaims() throws Exception {
        List<StartCase> cases =
                List.of(
                        new StartCase(
                                "avatar",
                                new String[] {"big.png", "image/png", "1000001"},
                                Arrays.asList("file too large: 1000001 bytes, at most 1000000")),
                        new StartCase(
                                "avatar",
                                new String[] {"a.gif", "image/gif", "10"},
                                Arrays.asList("file type not accepted: image/gif")),
                        new StartCase(
                                "avatar",
                                new String[] {
                                    "a.png", "image/png", "10", "b.png", "image/png", "10"
                                },
                                Arrays.asList(null, "too many files: at most 1")),
                        new StartCase(
                                "avatar",
                                new String[] {"a.png", "image/png", "-5"},
                                Arrays.asList("the file size is missing")),
                        new StartCase(
                                "banner",
                                new String[] {"a.png", "image/png", "10"},
                                Arrays.asList("no upload named \"banner\" on this page")),
                        new StartCase(
                                "docs",
                                new String[] {
                                    "a.pdf", "application/pdf", "1200000",
                                    "b.pdf", "application/pdf", "1200000",
                                    "c.pdf", "application/pdf", "1000"
                                },
                                Arrays.asList(
                                        null, "upload limit of this connection reached", null)));
        long refusedBefore = handler.refusedUploads();
        int refusals = 0;
        for (StartCase c : cases) {
            try (TestServer.WsClient ws = connect()) {
                JsonNode entries = ws.call(start(c.upload(), c.files())).get("entries");
                assertEquals(c.errors().size(), entries.size(), c.toString());
                for (int i = 0; i < entries.size(); i++) {
                    JsonNode e = entries.get(i);
                    String error = c.errors().get(i);
                    assertEquals(error == null, e.get("valid").asBoolean(), e.toString());
                    if (error != null) {
                        refusals++;
                        assertEquals(error, e.get("error").asText(), c.upload());
                    }
                }
                assertEquals(
                        "1",
                        ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText(),
                        "the session lives on");
            }
        }
        assertEquals(refusals, handler.refusedUploads() - refusedBefore, "every refusal counted");
    }

    // ------------------------------------------------------------------ refused chunks

    record ChunkCase(String why, String chunk, String error) {}

    @Test
    void aChunkThatBreaksTheFileIsRefusedItsEntryEndsAndTheSessionLivesOn() throws Exception {
        byte[] file = png(300_000);
        byte[] notPng = png(300_000);
        notPng[1] = 'X';
        List<ChunkCase> cases =
                List.of(
                        new ChunkCase(
                                "out of order",
                                chunk("e1", file, CHUNK, file.length, CHUNK),
                                "out-of-order chunk at offset 262144, expected 0"),
                        new ChunkCase(
                                "overlapping",
                                chunk("e1", file, 0, 10, 0) + "\n" + chunk("e1", file, 5, 20, 5),
                                "overlapping chunk at offset 5, expected 10"),
                        new ChunkCase(
                                "bad base64",
                                "{\"action\":\"upload_chunk\",\"entry_id\":\"e1\","
                                        + "\"chunk_base64\":\"%%%\",\"offset\":0,\"total\":300000}",
                                "chunk is not valid base64"),
                        new ChunkCase(
                                "wrong total",
                                chunk("e1", file, 0, 10, 0)
                                        .replace("\"total\":300000", "\"total\":9"),
                                "chunk total 9 differs from the announced 300000"),
                        new ChunkCase(
                                "not a png",
                                chunk("e1", notPng, 0, CHUNK, 0),
                                "file content is not image/png"),
                        new ChunkCase(
                                "more than announced",
                                (chunk("e1", png(300_010), 0, CHUNK, 0)
                                                + "\n"
                                                + chunk("e1", png(300_010), CHUNK, 300_010, CHUNK))
                                        .replace("\"total\":300010", "\"total\":300000"),
                                "more bytes than the announced 300000"));
        for (ChunkCase c : cases) {
            try (TestServer.WsClient ws = connect()) {
                ws.call(start("avatar", "me.png", "image/png", "300000"));
                JsonNode refusal = null;
                for (String frame : c.chunk().split("\n")) {
                    JsonNode answer = ws.call(frame);
                    if (answer.has("meta")) {
                        refusal = answer;
                    }
                }
                assertEquals(
                        "{\"success\":false,\"errors\":{\"avatar\":\""
                                + c.error()
                                + "\"},"
                                + "\"action\":\"upload_chunk\"}",
                        String.valueOf(refusal == null ? null : refusal.get("meta")),
                        c.why());
                assertEquals(List.of(), staged(0), c.why() + ": the staging file is deleted");
                // Later chunks of the ended entry are dropped without an answer; completing fails.
                ws.send(chunk("e1", file, 0, 10, 0));
                JsonNode done = ws.call(complete("avatar", "e1"));
                assertFalse(done.get("success").asBoolean(), c.why());
                assertEquals(c.error(), done.get("error").asText(), c.why());
                assertEquals(
                        "1",
                        ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText(),
                        c.why() + ": the session lives on");
            }
        }
        assertTrue(controller.seen.isEmpty(), "no refused file reaches the action");
    }

    @Test
    void anIncompleteFileIsNotHandedToTheAction() throws Exception {
        byte[] file = png(300_000);
        try (TestServer.WsClient ws = connect()) {
            ws.call(start("avatar", "me.png", "image/png", "300000"));
            ws.call(chunk("e1", file, 0, CHUNK, 0));
            JsonNode done = ws.call(complete("avatar", "e1"));
            assertEquals(
                    TestServer.json(
                            "{\"upload_name\":\"avatar\",\"success\":false,"
                                    + "\"error\":\"incomplete file: 262144 of 300000 bytes arrived\"}"),
                    done);
            assertEquals(List.of(), staged(0));
        }
        assertTrue(controller.seen.isEmpty());
    }

    // ------------------------------------------------------------------ limits over time

    @Test
    void theConnectionBudgetCountsEveryByteItEverUploaded() throws Exception {
        byte[] file = png(900_000);
        try (TestServer.WsClient ws = connect()) {
            for (int round = 0; round < 2; round++) {
                ws.call(start("avatar", "me.png", "image/png", "900000"));
                sendAll(ws, "e" + (round + 1), file);
                ws.send(complete("avatar", "e" + (round + 1)));
                assertTrue(ws.nextJson().get("success").asBoolean());
                ws.next();
            }
            JsonNode third = ws.call(start("avatar", "me.png", "image/png", "900000"));
            assertEquals(
                    "upload limit of this connection reached",
                    third.get("entries").get(0).get("error").asText());
        }
        try (TestServer.WsClient fresh = connect()) {
            JsonNode again = fresh.call(start("avatar", "me.png", "image/png", "900000"));
            assertTrue(again.get("entries").get(0).get("valid").asBoolean(), "per connection");
        }
    }

    // ------------------------------------------------------------------ cancel and disconnect

    @Test
    void cancelDeletesTheStagedFile() throws Exception {
        byte[] file = png(600_000);
        try (TestServer.WsClient ws = connect()) {
            ws.call(start("avatar", "me.png", "image/png", "600000"));
            ws.call(chunk("e1", file, 0, CHUNK, 0));
            assertEquals(1, staged(1).size());
            ws.send("{\"action\":\"cancel_upload\",\"entry_id\":\"e1\"}");
            assertEquals(List.of(), staged(0));
            assertFalse(ws.call(complete("avatar", "e1")).get("success").asBoolean());
        }
        assertTrue(controller.seen.isEmpty());
    }

    @Test
    void aNewSelectionReplacesThePendingOne() throws Exception {
        byte[] file = png(600_000);
        try (TestServer.WsClient ws = connect()) {
            ws.call(start("avatar", "one.png", "image/png", "600000"));
            ws.call(chunk("e1", file, 0, CHUNK, 0));
            JsonNode second = ws.call(start("avatar", "two.png", "image/png", "600000"));
            assertEquals("e2", second.get("entries").get(0).get("entry_id").asText());
            assertEquals(List.of(), staged(0));
        }
    }

    @Test
    void aDisconnectDeletesWhatWasStaged() throws Exception {
        byte[] file = png(600_000);
        TestServer.WsClient ws = connect();
        ws.call(start("avatar", "me.png", "image/png", "600000"));
        ws.call(chunk("e1", file, 0, CHUNK, 0));
        assertEquals(1, staged(1).size());
        ws.close();
        assertEquals(List.of(), staged(0));
    }

    @Test
    void severalFilesOfOneSelectionCompleteOneByOne() throws Exception {
        byte[] a = "first document".getBytes();
        byte[] b = new byte[0];
        try (TestServer.WsClient ws = connect()) {
            JsonNode entries =
                    ws.call(start("docs", "a.txt", "text/plain", "14", "empty.bin", "", "0"))
                            .get("entries");
            assertFalse(entries.get(0).get("auto_upload").asBoolean(), "on submit");
            sendAll(ws, "e1", a);
            ws.send(complete("docs", "e1"));
            assertTrue(ws.nextJson().get("success").asBoolean());
            assertEquals("attach", ws.nextJson().get("meta").get("action").asText());
            ws.send(complete("docs", "e2"));
            assertTrue(ws.nextJson().get("success").asBoolean());
            ws.next();
        }
        Seen first = controller.seen.poll(5, TimeUnit.SECONDS);
        Seen empty = controller.seen.poll(5, TimeUnit.SECONDS);
        assertEquals(sha256(a), first.sha256());
        assertEquals(0, empty.file().size());
        assertEquals("application/octet-stream", empty.file().clientType());
        assertEquals(sha256(b), empty.sha256());
    }

    // ------------------------------------------------------------------ the rate limit

    @Test
    void chunksPassTheActionRateLimitButNothingElseDisguisedAsOne() throws Exception {
        // Given the default rate limit (10 a second, bursts of 20) and a file of 32 chunks sent at
        // once, then a message that begins like a chunk but is the action "increment" (a
        // duplicate key), thirty times: more than the burst.
        LiveHandler<Page> limited =
                LiveHandler.builder(new TestPage.Renderer(false), controller, Page.initial())
                        .uploads(staging, 100_000_000)
                        .build();
        byte[] file = png(8 * 1024 * 1024);
        try (TestServer other = new TestServer(Handlers.path().addPrefixPath("/bulk", limited));
                TestServer.WsClient ws = other.connect("/bulk")) {
            ws.next();
            ws.call(start("bulk", "big.bin", "application/octet-stream", "" + file.length));
            for (int at = 0; at < file.length; at += CHUNK) {
                ws.send(chunk("e1", file, at, Math.min(file.length, at + CHUNK), at));
            }
            int progress = 0;
            for (int i = 0; i < 32; i++) {
                assertEquals("upload_progress", ws.nextJson().path("type").asText());
                progress++;
            }
            ws.send(complete("bulk", "e1"));
            assertTrue(ws.nextJson().get("success").asBoolean());
            ws.next();
            for (int i = 0; i < 30; i++) {
                ws.send("{\"action\":\"upload_chunk\",\"action\":\"increment\"}");
            }
            // Then every chunk arrived, and no disguised message ran the action.
            assertEquals(32, progress);
            for (int i = 0; i < 30; i++) {
                JsonNode answer = ws.nextJson();
                assertFalse(answer.get("meta").get("success").asBoolean(), answer.toString());
                assertFalse(answer.get("tree").has("0"), answer.toString());
            }
            assertEquals(
                    "2",
                    ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText(),
                    "the count went from 1 (the upload) to 2 (this increment) only");
        }
        assertEquals(0, limited.rateLimitedMessages(), "chunks are not counted by the limit");
    }

    // ------------------------------------------------------------------ backpressure

    @Test
    void aClientSendingChunksWithoutWaitingIsHeldBackAndLosesNone() throws Exception {
        LiveHandler<Page> tight =
                LiveHandler.builder(new TestPage.Renderer(false), controller, Page.initial())
                        .uploads(staging, 100_000_000)
                        .maxQueuedMessages(8)
                        .build();
        byte[] file = png(8 * 1024 * 1024);
        try (TestServer other = new TestServer(Handlers.path().addPrefixPath("/bulk", tight));
                TestServer.WsClient ws = other.connect("/bulk")) {
            ws.next();
            ws.call(start("bulk", "big.bin", "application/octet-stream", "" + file.length));
            // The connection's worker is busy for a second (a slow action) while, like the 0.25.1
            // client, every chunk is sent at once with no answer awaited: without backpressure
            // they would pile up in the 8-message queue and be dropped.
            java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
            controller.counter.block = busy;
            ws.send("{\"action\":\"block\"}");
            Thread release =
                    new Thread(
                            () -> {
                                try {
                                    TimeUnit.SECONDS.sleep(1);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                busy.countDown();
                            });
            release.start();
            for (int at = 0; at < file.length; at += CHUNK) {
                ws.send(chunk("e1", file, at, Math.min(file.length, at + CHUNK), at));
            }
            ws.send(complete("bulk", "e1"));
            JsonNode answer;
            int progress = 0;
            while (!(answer = ws.nextJson()).has("success")) {
                if (answer.has("tree")) {
                    assertEquals("block", answer.get("meta").get("action").asText());
                    continue;
                }
                assertEquals("upload_progress", answer.path("type").asText(), answer.toString());
                progress++;
            }
            assertTrue(answer.get("success").asBoolean(), answer.toString());
            assertEquals(32, progress, "one progress frame per chunk");
        }
        assertEquals(0, tight.droppedMessages(), "no chunk dropped by the 8-message queue");
        assertEquals(sha256(file), controller.seen.poll(5, TimeUnit.SECONDS).sha256());
    }

    // ------------------------------------------------------------------ timeouts

    /** The counter page plus one slot, {@code upload-error}: {@code .lvt.UploadError "avatar"}. */
    static final class ShowsUploadError
            implements io.github.livetemplate.runtime.LiveRenderer<Page> {
        final TestPage.Renderer page = new TestPage.Renderer(false);

        @Override
        public String defaultWrapperId() {
            return page.defaultWrapperId();
        }

        @Override
        public void writeHtml(
                Page state,
                String wrapperId,
                boolean loading,
                io.github.livetemplate.runtime.Utf8Buffer out) {
            page.writeHtml(state, wrapperId, loading, out);
        }

        @Override
        public void writeTree(Page state, io.github.livetemplate.runtime.Utf8Buffer out) {
            page.writeTree(state, out);
        }

        @Override
        public boolean writeDiff(
                Page previous, Page next, io.github.livetemplate.runtime.Utf8Buffer out) {
            return page.writeDiff(previous, next, out);
        }

        @Override
        public boolean writeDiff(
                Page previous,
                io.github.livetemplate.runtime.TemplateContext previousLvt,
                Page next,
                io.github.livetemplate.runtime.TemplateContext nextLvt,
                io.github.livetemplate.runtime.Utf8Buffer out) {
            String error = nextLvt.uploadError("avatar");
            if (!error.equals(previousLvt.uploadError("avatar"))) {
                out.writeAscii("{\"upload-error\":");
                out.writeJsonString(error);
                out.writeByte('}');
                return true;
            }
            return page.writeDiff(previous, next, out);
        }
    }

    @Test
    void aTimedOutEntryShowsItsErrorAtOnceWithoutAnotherMessage() throws Exception {
        LiveHandler<Page> quick =
                LiveHandler.builder(new ShowsUploadError(), controller, Page.initial())
                        .uploads(staging, BUDGET)
                        .uploadIdleTimeout(java.time.Duration.ofMillis(500))
                        .build();
        byte[] file = png(600_000);
        try (TestServer other = new TestServer(Handlers.path().addPrefixPath("/profile", quick));
                TestServer.WsClient ws = other.connect("/profile")) {
            ws.nextJson();
            ws.call(start("avatar", "me.png", "image/png", "600000"));
            ws.call(chunk("e1", file, 0, CHUNK, 0));

            // Given the client sends nothing more, the sweep's refusal is rendered by itself.
            String update = ws.messages.poll(20, TimeUnit.SECONDS);
            assertTrue(update != null, "an update within the bound");
            JsonNode tree = TestServer.json(update).get("tree");
            assertTrue(tree.get("upload-error").asText().startsWith("upload timed out"), update);
            assertEquals(1, quick.timedOutUploads());
        }
    }
}
