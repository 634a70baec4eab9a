package io.github.livetemplate.undertow;

import static io.github.livetemplate.undertow.UploadWebSocketTest.png;
import static io.github.livetemplate.undertow.UploadWebSocketTest.sha256;
import static io.github.livetemplate.undertow.UploadWebSocketTest.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.Presigner;
import io.github.livetemplate.runtime.UploadedFile;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.generated.UploadDeclaration;
import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestPage.Page;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads over HTTP against Undertow on loopback, as the 0.25.1 client sends them: the {@code
 * X-Lvt-Upload: start} handshake and the multipart post it falls back to when its socket is down
 * (volume), proxied uploads streamed to the action without a staged file, direct uploads to a
 * loopback stand-in for object storage that checks the presigned request, preview uploads that send
 * only metadata, and abandoned entries timing out.
 */
@Timeout(60)
class UploadHttpTest {
    static final String SECRET = "test-signing-key";

    /** What an action saw of one file. */
    record Seen(
            String upload, UploadedFile file, String sha256, boolean staged, long stagedFiles) {}

    /** Four uploads, one per mode; each action records what it got. */
    final class Uploading implements Actions<Page> {
        final TestPage.Controller counter = new TestPage.Controller();
        final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

        @Override
        public List<UploadDeclaration> uploads() {
            return List.of(
                    new UploadDeclaration(
                            "avatar", List.of("image/png"), 2, 1_000_000, true, "got"),
                    new UploadDeclaration(
                            "stream",
                            List.of(),
                            1,
                            1_000_000,
                            true,
                            "got",
                            UploadDeclaration.PROXIED),
                    new UploadDeclaration(
                            "cloud",
                            List.of(),
                            1,
                            5_000_000,
                            true,
                            "got",
                            UploadDeclaration.DIRECT),
                    new UploadDeclaration(
                            "look",
                            List.of("image/png"),
                            1,
                            1_000_000,
                            true,
                            "got",
                            UploadDeclaration.PREVIEW));
        }

        @Override
        public Set<String> names() {
            Set<String> n = new java.util.HashSet<>(counter.names());
            n.add("got");
            return n;
        }

        @Override
        public Page run(String name, Page s, Context ctx) throws Exception {
            if (!name.equals("got")) {
                return counter.run(name, s, ctx);
            }
            int n = 0;
            for (String u : List.of("avatar", "stream", "cloud", "look")) {
                for (UploadedFile f : ctx.uploads(u)) {
                    long stagedNow = count(staging);
                    String sha = null;
                    if (f.path() != null || u.equals("stream")) {
                        sha = digest(f.open());
                    }
                    seen.add(new Seen(u, f, sha, f.path() != null, stagedNow));
                    n++;
                }
            }
            String title = ctx.getString("title");
            return new Page(
                    s.count() + n, title == null ? s.title() : title, s.errors(), s.flash());
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
    ObjectStore store;

    @BeforeEach
    void boot() throws Exception {
        store = new ObjectStore();
        controller = new Uploading();
        handler =
                LiveHandler.builder(new TestPage.Renderer(false), controller, Page.initial())
                        .uploads(staging, 3_000_000)
                        .presigner(store::presign)
                        .build();
        server = new TestServer(Handlers.path().addPrefixPath("/profile", handler));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    // ------------------------------------------------------------------ helpers

    static String digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (in) {
            byte[] b = new byte[8192];
            for (int k; (k = in.read(b)) > 0; ) {
                sha.update(b, 0, k);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static long count(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A multipart body as a browser's FormData sends it: fields, then files. */
    static final class Multipart {
        final String boundary = "----lvtTestBoundary7MA4YWxkTrZu0gW";
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write(
                    "--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\""
                            + name
                            + "\"\r\n\r\n"
                            + value
                            + "\r\n");
            return this;
        }

        Multipart file(String name, String fileName, String type, byte[] bytes) {
            write(
                    "--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\""
                            + name
                            + "\"; filename=\""
                            + fileName
                            + "\"\r\nContent-Type: "
                            + type
                            + "\r\n\r\n");
            out.writeBytes(bytes);
            write("\r\n");
            return this;
        }

        byte[] end() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Posts {@code body} as the client's {@code X-Lvt-Upload: proxied} fetch does; {@code chunked}
     * streams it without a Content-Length, so only the mid-stream checks can stop it.
     */
    HttpResponse<String> postMultipart(
            String cookie, Multipart m, boolean chunked, String... headers) throws Exception {
        byte[] body = m.end();
        HttpRequest.Builder b =
                server.request("/profile")
                        .header("Content-Type", "multipart/form-data; boundary=" + m.boundary)
                        .header("Accept", "application/json")
                        .header("Cookie", cookie)
                        .POST(
                                chunked
                                        ? HttpRequest.BodyPublishers.ofInputStream(
                                                () -> new ByteArrayInputStream(body))
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return server.send(b.build());
    }

    /**
     * The client's proxied post of file {@code name} to the {@code stream} upload, ending with
     * action {@code upload_stream_complete} and field {@code title} (none when null).
     */
    HttpResponse<String> postProxied(
            String cookie, String name, byte[] file, String title, boolean chunked)
            throws Exception {
        Multipart m = new Multipart().field("lvt-action", "upload_stream_complete");
        if (title != null) {
            m.field("title", title);
        }
        m.file("stream", name, "application/octet-stream", file);
        return postMultipart(cookie, m, chunked, "X-Lvt-Upload", "proxied");
    }

    HttpResponse<String> postUpload(String cookie, String kind, String json) throws Exception {
        return server.post("/profile", json, "Cookie", cookie, "X-Lvt-Upload", kind);
    }

    // ------------------------------------------------------------------ volume over HTTP

    @Test
    void withTheSocketDownAVolumeUploadIsAStartThenOneMultipartPostStagedAndDeleted()
            throws Exception {
        String cookie = server.session("/profile");
        byte[] file = png(300_000);
        HttpResponse<String> started =
                postUpload(cookie, "start", start("avatar", "me.png", "image/png", "300000"));
        assertEquals(200, started.statusCode());
        JsonNode entry = TestServer.json(started.body()).get("entries").get(0);
        assertTrue(entry.get("valid").asBoolean());
        assertEquals("volume", entry.get("mode").asText());

        HttpResponse<String> r =
                postMultipart(
                        cookie,
                        new Multipart()
                                .field("lvt-action", "upload_avatar_complete")
                                .field("title", "marked lvt-upload-with")
                                .file("avatar", "me.png", "image/png", file),
                        true,
                        "X-Lvt-Upload",
                        "proxied");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode tree = TestServer.json(r.body()).get("tree");
        assertEquals("1", tree.get("0").asText(), "the action's state is answered");

        Seen seen = controller.seen.poll(5, TimeUnit.SECONDS);
        assertEquals("avatar", seen.upload());
        assertEquals(entry.get("entry_id").asText(), seen.file().entryId(), "the announced entry");
        assertEquals(300_000, seen.file().size());
        assertEquals(sha256(file), seen.sha256());
        assertTrue(seen.staged());
        assertEquals(staging, seen.file().path().getParent());
        assertFalse(Files.exists(seen.file().path()), "deleted when the action returned");
        assertEquals(0, count(staging));
    }

    record Refusal(String why, Multipart body, String error) {}

    @Test
    void aMultipartPostGetsTheSameChecksMidStreamAndLeavesNothingStaged() throws Exception {
        byte[] notPng = new byte[5000];
        List<Refusal> cases =
                List.of(
                        new Refusal(
                                "larger than maxFileSize, no Content-Length",
                                new Multipart()
                                        .file("avatar", "big.png", "image/png", png(1_200_000)),
                                "file too large: more than 1000000 bytes"),
                        new Refusal(
                                "a type the upload does not accept",
                                new Multipart().file("avatar", "a.gif", "image/gif", new byte[10]),
                                "file type not accepted: image/gif"),
                        new Refusal(
                                "bytes that are not the image they claim",
                                new Multipart().file("avatar", "a.png", "image/png", notPng),
                                "file content is not image/png"),
                        new Refusal(
                                "more files than maxEntries",
                                new Multipart()
                                        .file("avatar", "1.png", "image/png", png(100))
                                        .file("avatar", "2.png", "image/png", png(100))
                                        .file("avatar", "3.png", "image/png", png(100)),
                                "too many files: at most 2"),
                        new Refusal(
                                "proxied, larger than maxFileSize",
                                new Multipart()
                                        .file("stream", "big.bin", "x/y", new byte[1_100_000]),
                                "file too large: more than 1000000 bytes"));
        for (Refusal c : cases) {
            String cookie = server.session("/profile");
            long before = handler.refusedUploads();
            HttpResponse<String> r =
                    postMultipart(cookie, c.body(), true, "X-Lvt-Upload", "proxied");
            assertEquals(422, r.statusCode(), c.why());
            assertEquals(c.error(), r.body(), c.why());
            assertEquals(before + 1, handler.refusedUploads(), c.why());
            assertEquals(0, count(staging), c.why() + ": nothing left staged");
        }
        assertTrue(
                controller.seen.stream().noneMatch(s -> s.upload().equals("avatar")),
                "no refused volume file reached the action");
    }

    @Test
    void theBudgetOfTheSessionCountsHttpUploads() throws Exception {
        String cookie = server.session("/profile");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r =
                    postMultipart(
                            cookie,
                            new Multipart().file("avatar", "a.png", "image/png", png(900_000)),
                            false,
                            "X-Lvt-Upload",
                            "proxied");
            assertEquals(200, r.statusCode(), "upload " + i);
        }
        HttpResponse<String> over =
                postMultipart(
                        cookie,
                        new Multipart().file("avatar", "a.png", "image/png", png(900_000)),
                        false,
                        "X-Lvt-Upload",
                        "proxied");
        assertEquals(422, over.statusCode());
        assertEquals("upload limit of this connection reached", over.body());
        assertEquals(0, count(staging));
    }

    @Test
    void aFormPostWithFilesNeedsItsTokenBeforeAnyByteIsStaged() throws Exception {
        String cookie = server.session("/profile");
        HttpResponse<String> r =
                postMultipart(
                        cookie,
                        new Multipart().file("avatar", "a.png", "image/png", png(1000)),
                        false);
        assertEquals(403, r.statusCode());
        assertEquals(0, count(staging));
        assertNull(controller.seen.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void aFormPostedWithoutJavaScriptStagesItsFilesRunsTheUploadThenTheFormsOwnAction()
            throws Exception {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 7);
        Uploading forms = new Uploading();
        LiveHandler<Page> signed =
                LiveHandler.builder(new TestPage.Renderer(false), forms, Page.initial())
                        .uploads(staging, 3_000_000)
                        .csrfSecret(secret)
                        .build();
        try (TestServer other = new TestServer(Handlers.path().addPrefixPath("/profile", signed))) {
            String cookie = other.session("/profile");
            String token =
                    io.github.livetemplate.runtime.engine.CsrfTokens.of(
                                    secret, null, 0, System::currentTimeMillis)
                            .token(cookie.substring(cookie.indexOf('=') + 1));
            byte[] file = png(50_000);
            // given a form with its token first, a title, a file and a clicked "save" button
            Multipart m =
                    new Multipart()
                            .field("lvt-csrf", token)
                            .field("title", "with a file")
                            .field("qty", "5")
                            .file("avatar", "me.png", "image/png", file)
                            .field("save", "");
            byte[] body = m.end();
            HttpResponse<String> r =
                    other.send(
                            other.request("/profile")
                                    .header(
                                            "Content-Type",
                                            "multipart/form-data; boundary=" + m.boundary)
                                    .header("Accept", "text/html")
                                    .header("Cookie", cookie)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build());
            // then the upload's action got the file, the form's "save" ran, and the browser is
            // sent back to the page
            assertEquals(303, r.statusCode(), r.body());
            Seen seen = forms.seen.poll(5, TimeUnit.SECONDS);
            assertEquals(sha256(file), seen.sha256());
            assertTrue(seen.staged());
            assertEquals(0, count(staging));
            assertEquals(1, forms.counter.runs.get(), "save ran after the upload");

            // and a forged post (a wrong token) is refused before any byte is staged
            Multipart forged =
                    new Multipart()
                            .field("lvt-csrf", "forged")
                            .file("avatar", "me.png", "image/png", file);
            byte[] forgedBody = forged.end();
            HttpResponse<String> refused =
                    other.send(
                            other.request("/profile")
                                    .header(
                                            "Content-Type",
                                            "multipart/form-data; boundary=" + forged.boundary)
                                    .header("Accept", "text/html")
                                    .header("Cookie", cookie)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(forgedBody))
                                    .build());
            assertEquals(403, refused.statusCode());
            assertNull(forms.seen.poll(100, TimeUnit.MILLISECONDS));
        }
    }

    // ------------------------------------------------------------------ proxied

    @Test
    void aProxiedUploadStreamsToTheActionWithoutAStagedFile() throws Exception {
        String cookie = server.session("/profile");
        byte[] file = new byte[700_000];
        new java.util.Random(7).nextBytes(file);
        HttpResponse<String> r = postProxied(cookie, "report.bin", file, "report", true);
        assertEquals(200, r.statusCode(), r.body());
        Seen seen = controller.seen.poll(5, TimeUnit.SECONDS);
        assertEquals("stream", seen.upload());
        assertNull(seen.file().path(), "no staged file");
        assertEquals(0, seen.stagedFiles(), "nothing in the staging directory during the action");
        assertEquals(sha256(file), seen.sha256(), "the action read the bytes as they streamed");
        assertEquals("report", TestServer.json(r.body()).get("tree").get("1").asText());
    }

    @Test
    void aProxiedFileAnnouncedOverTheSocketRunsOnTheSocketsStateAndTheSocketSendsTheUpdate()
            throws Exception {
        String cookie = server.session("/profile");
        byte[] file = new byte[300_000];
        new java.util.Random(11).nextBytes(file);
        try (TestServer.WsClient ws = server.connect("/profile", "Cookie", cookie)) {
            ws.nextJson();
            JsonNode entry =
                    ws.call(start("stream", "report.bin", "application/octet-stream", "300000"))
                            .get("entries")
                            .get(0);
            assertEquals("proxied", entry.get("mode").asText());

            // Given the client posts the file over HTTP while its socket is open,
            HttpResponse<String> r = postProxied(cookie, "report.bin", file, "report", true);

            // then the action ran on the socket's state, the socket sent the update,
            JsonNode update = ws.nextJson().get("tree");
            assertEquals("1", update.get("0").asText(), update.toString());
            assertEquals("report", update.get("1").asText(), update.toString());
            // the HTTP answer changes nothing the socket did not (an empty tree, success),
            assertEquals(200, r.statusCode(), r.body());
            JsonNode answer = TestServer.json(r.body());
            assertEquals(0, answer.get("tree").size(), r.body());
            assertTrue(answer.get("meta").get("success").asBoolean(), r.body());
            Seen seen = controller.seen.poll(5, TimeUnit.SECONDS);
            assertEquals(
                    entry.get("entry_id").asText(), seen.file().entryId(), "the announced entry");
            assertEquals(sha256(file), seen.sha256());
            // and the socket's next action starts from the changed state.
            JsonNode next = ws.call("{\"action\":\"increment\"}").get("tree");
            assertEquals("2", next.get("0").asText(), next.toString());
        }
    }

    @Test
    void aProxiedFileRefusedOnTheSocketIsAnswered422AndTheSocketGoesOn() throws Exception {
        String cookie = server.session("/profile");
        byte[] tooLarge = new byte[1_200_000]; // announced as 900 000, maxFileSize 1 000 000
        try (TestServer.WsClient ws = server.connect("/profile", "Cookie", cookie)) {
            ws.nextJson();
            ws.call(start("stream", "big.bin", "application/octet-stream", "900000"));
            HttpResponse<String> r = postProxied(cookie, "big.bin", tooLarge, null, true);
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("file too large"), r.body());
            // The action's failed run was answered on the socket; the socket's state is unchanged.
            ws.nextJson();
            JsonNode next = ws.call("{\"action\":\"increment\"}").get("tree");
            assertEquals("1", next.get("0").asText(), next.toString());
        }
    }

    @Test
    void aProxiedFileWhoseAnnouncingSocketClosedRunsOnTheHttpSession() throws Exception {
        String cookie = server.session("/profile");
        byte[] file = new byte[1000];
        try (TestServer.WsClient ws = server.connect("/profile", "Cookie", cookie)) {
            ws.nextJson();
            ws.call(start("stream", "late.bin", "application/octet-stream", "1000"));
        }
        HttpResponse<String> r = postProxied(cookie, "late.bin", file, "late", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("late", TestServer.json(r.body()).get("tree").get("1").asText(), r.body());
    }

    // ------------------------------------------------------------------ direct

    /**
     * A loopback stand-in for object storage: accepts a PUT whose {@code sig} query parameter is
     * the HMAC of its path under {@link #SECRET} and whose {@code Content-Type} header is the one
     * signed; stores the bytes by path.
     */
    static final class ObjectStore implements AutoCloseable {
        final io.undertow.Undertow http;
        final int port;
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();

        ObjectStore() {
            http =
                    io.undertow.Undertow.builder()
                            .addHttpListener(0, "127.0.0.1")
                            .setHandler(
                                    new io.undertow.server.handlers.BlockingHandler(
                                            ex -> {
                                                String path = ex.getRequestPath();
                                                String sig = ex.getQueryString();
                                                sig =
                                                        sig.startsWith("sig=")
                                                                ? sig.substring(4)
                                                                : "";
                                                boolean ok =
                                                        ex.getRequestMethod().equalToString("PUT")
                                                                && path.startsWith("/bucket/")
                                                                && sig.equals(sign(path))
                                                                && "application/x-signed"
                                                                        .equals(
                                                                                ex.getRequestHeaders()
                                                                                        .getFirst(
                                                                                                "X-Object-Meta"));
                                                byte[] body = ex.getInputStream().readAllBytes();
                                                if (ok) {
                                                    objects.put(path, body);
                                                }
                                                ex.setStatusCode(ok ? 200 : 403);
                                            }))
                            .build();
            http.start();
            port = ((InetSocketAddress) http.getListenerInfo().get(0).getAddress()).getPort();
        }

        static String sign(String path) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(path.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The application's Presigner: one object per group and entry, never the client's name. */
        Presigner.Signed presign(UploadedFile f, String group) {
            String path = "/bucket/" + group + "/" + f.entryId();
            return Presigner.Signed.put(
                    "http://127.0.0.1:" + port + path + "?sig=" + sign(path),
                    Map.of("X-Object-Meta", "application/x-signed"));
        }

        /** PUTs {@code bytes} as the client's s3 uploader does: to the URL, with the headers. */
        int put(JsonNode external, byte[] bytes) throws Exception {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(external.get("url").asText()))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
            external.get("headers")
                    .fields()
                    .forEachRemaining(h -> b.header(h.getKey(), h.getValue().asText()));
            return java.net.http.HttpClient.newHttpClient()
                    .send(b.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        @Override
        public void close() {
            http.stop();
        }
    }

    @Test
    void aDirectUploadGoesToThePresignedUrlAndTheActionGetsItsMetadataOverTheSocket()
            throws Exception {
        byte[] file = new byte[40_000];
        new java.util.Random(3).nextBytes(file);
        try (TestServer.WsClient ws = server.connect("/profile")) {
            ws.nextJson();
            JsonNode entry =
                    ws.call(start("cloud", "data.bin", "application/octet-stream", "40000"))
                            .get("entries")
                            .get(0);
            assertEquals("direct", entry.get("mode").asText());
            JsonNode external = entry.get("external");
            assertEquals("s3", external.get("uploader").asText());

            assertEquals(200, store.put(external, file), "the store accepts the signed PUT");
            JsonNode forged = external.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) forged)
                    .put("url", external.get("url").asText().replace("/e", "/x"));
            assertEquals(403, store.put(forged, file), "and refuses one it did not sign");

            ws.send(UploadWebSocketTest.complete("cloud", entry.get("entry_id").asText()));
            assertTrue(ws.nextJson().get("success").asBoolean());
            ws.nextJson(); // the update
        }
        Seen seen = controller.seen.poll(5, TimeUnit.SECONDS);
        assertEquals("cloud", seen.upload());
        assertEquals(40_000, seen.file().size());
        assertNull(seen.file().path());
        String path = URI.create(seen.file().ref()).getPath();
        assertEquals(sha256(file), sha256(store.objects.get(path)), "the bytes are in the store");
        assertEquals(0, count(staging));
    }

    @Test
    void overHttpADirectUploadCompletesByItsSignedRefAndAForeignRefIsRefused() throws Exception {
        String cookie = server.session("/profile");
        byte[] file = "hello object storage".getBytes(StandardCharsets.UTF_8);
        JsonNode entry =
                TestServer.json(
                                postUpload(
                                                cookie,
                                                "start",
                                                start(
                                                        "cloud",
                                                        "a.txt",
                                                        "text/plain",
                                                        "" + file.length))
                                        .body())
                        .get("entries")
                        .get(0);
        JsonNode external = entry.get("external");
        assertEquals(200, store.put(external, file));

        String foreign =
                "{\"action\":\"upload_complete\",\"upload_name\":\"cloud\",\"entries\":[{\"client_name\":"
                        + "\"a.txt\",\"type\":\"text/plain\",\"size\":20,\"ref\":\"http://elsewhere/x\"}]}";
        JsonNode refused = TestServer.json(postUpload(cookie, "complete", foreign).body());
        assertFalse(refused.get("success").asBoolean(), refused.toString());
        assertNull(controller.seen.poll(100, TimeUnit.MILLISECONDS));

        String done = foreign.replace("http://elsewhere/x", external.get("url").asText());
        // The foreign completion named no entry of this session, so the real one is still there.
        HttpResponse<String> r = postUpload(cookie, "complete", done);
        assertEquals(200, r.statusCode());
        Seen seen = controller.seen.poll(5, TimeUnit.SECONDS);
        assertEquals(external.get("url").asText(), seen.file().ref());
        assertEquals("a.txt", seen.file().clientName());
    }

    @Test
    void withoutAPresignerADirectUploadIsRefusedAtStart() throws Exception {
        LiveHandler<Page> bare =
                LiveHandler.builder(new TestPage.Renderer(false), new Uploading(), Page.initial())
                        .build();
        try (TestServer other = new TestServer(Handlers.path().addPrefixPath("/p", bare))) {
            String cookie = other.session("/p");
            JsonNode entry =
                    TestServer.json(
                                    other.post(
                                                    "/p",
                                                    start("cloud", "a.txt", "text/plain", "5"),
                                                    "Cookie",
                                                    cookie,
                                                    "X-Lvt-Upload",
                                                    "start")
                                            .body())
                            .get("entries")
                            .get(0);
            assertFalse(entry.get("valid").asBoolean());
            assertEquals(
                    "direct upload needs a Presigner on this page", entry.get("error").asText());
        }
    }

    // ------------------------------------------------------------------ preview

    @Test
    void aPreviewUploadSendsOnlyMetadataAndTheActionRunsAtStart() throws Exception {
        try (TestServer.WsClient ws = server.connect("/profile")) {
            ws.nextJson();
            JsonNode reply = ws.call(start("look", "me.png", "image/png", "1234"));
            assertEquals("preview", reply.get("entries").get(0).get("mode").asText());
            JsonNode update = ws.nextJson();
            assertEquals("1", update.get("tree").get("0").asText());
        }
        Seen seen = controller.seen.poll(5, TimeUnit.SECONDS);
        assertEquals("look", seen.upload());
        assertEquals(1234, seen.file().size());
        assertNull(seen.file().path());
        assertNull(seen.file().ref());
        assertNull(seen.sha256(), "no bytes");
    }

    // ------------------------------------------------------------------ abandoned uploads

    @Test
    void anEntryThatReceivesNothingTimesOutItsFileDeletedAndCounted() throws Exception {
        byte[] file = png(600_000);
        LiveHandler<Page> quick =
                LiveHandler.builder(new TestPage.Renderer(false), controller, Page.initial())
                        .uploads(staging, 3_000_000)
                        .uploadIdleTimeout(Duration.ofSeconds(2))
                        .build();
        try (TestServer other = new TestServer(Handlers.path().addPrefixPath("/profile", quick));
                TestServer.WsClient ws = other.connect("/profile")) {
            ws.nextJson();
            ws.call(start("avatar", "me.png", "image/png", "600000"));
            ws.call(UploadWebSocketTest.chunk("e1", file, 0, 262_144, 0));
            assertEquals(1, count(staging), "the first chunk is staged");
            for (int i = 0; i < 500 && quick.timedOutUploads() == 0; i++) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertEquals(1, quick.timedOutUploads());
            assertEquals(1, quick.refusedUploads(), "counted with the refusals");
            assertEquals(0, count(staging), "its file is deleted");
            ws.send(UploadWebSocketTest.complete("avatar", "e1"));
            JsonNode done = ws.nextJson();
            assertFalse(done.get("success").asBoolean());
            assertTrue(done.get("error").asText().startsWith("upload timed out"), done.toString());
        }
        assertNull(controller.seen.poll(100, TimeUnit.MILLISECONDS));
        List<Seen> none = new ArrayList<>(controller.seen);
        assertEquals(List.of(), none);
    }

    // ------------------------------------------------------------------ stalled bodies

    @Test
    void aMultipartBodyThatStallsIsClosedItsStagedFileDeletedAndCounted() throws Exception {
        LiveHandler<Page> quick =
                LiveHandler.builder(new TestPage.Renderer(false), controller, Page.initial())
                        .uploads(staging, 3_000_000)
                        .requestBodyTimeout(Duration.ofSeconds(1))
                        .build();
        try (LogCapture log = new LogCapture("io.github.livetemplate", Level.SEVERE)) {
            stallAMultipartBody(quick);
            // and answers nothing more on the closed connection, logging no failure
            assertEquals(
                    List.of(),
                    log.records.stream().map(r -> r.getMessage() + " " + r.getThrown()).toList(),
                    "nothing SEVERE");
        }
    }

    private void stallAMultipartBody(LiveHandler<Page> quick) throws Exception {
        try (TestServer other = new TestServer(Handlers.path().addPrefixPath("/profile", quick));
                java.net.Socket raw =
                        new java.net.Socket("127.0.0.1", other.http("/profile").getPort())) {
            raw.setSoTimeout(20_000);
            // Given a proxied-style post that announces 600 000 bytes and sends the first 100 000.
            String head =
                    "--b\r\nContent-Disposition: form-data; name=\"lvt-action\"\r\n\r\ngot\r\n"
                            + "--b\r\nContent-Disposition: form-data; name=\"avatar\";"
                            + " filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n";
            java.io.OutputStream out = raw.getOutputStream();
            out.write(
                    ("POST /profile HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                                    + "X-Lvt-Upload: proxied\r\n"
                                    + "Content-Type: multipart/form-data; boundary=b\r\n"
                                    + "Content-Length: "
                                    + (head.length() + 600_000 + 8)
                                    + "\r\n\r\n"
                                    + head)
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(png(100_000));
            out.flush();
            for (int i = 0; i < 250 && count(staging) == 0; i++) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertEquals(1, count(staging), "the part is being staged");

            // Then (the client sends nothing more) the server closes the connection,
            HardeningTest.assertClosed(raw.getInputStream());
        }
        // deletes what the post staged, counts it and runs no action.
        for (int i = 0; i < 250 && count(staging) > 0; i++) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(0, count(staging), "the staged file is deleted");
        assertEquals(1, quick.timedOutUploads());
        assertEquals(1, quick.refusedUploads());
        assertNull(controller.seen.poll(100, TimeUnit.MILLISECONDS));
    }
}
