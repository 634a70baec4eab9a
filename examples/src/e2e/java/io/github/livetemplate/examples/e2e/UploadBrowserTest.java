package io.github.livetemplate.examples.e2e;

import static io.github.livetemplate.examples.e2e.FrameLog.ws;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.examples.profile.AvatarStore;
import io.github.livetemplate.runtime.FrameListener.Direction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile example's avatar upload in headless Chromium through the unmodified client: a real
 * file selected in the file input travels in chunks over the WebSocket with progress, reaches the
 * controller byte for byte, and is deleted from the staging directory; a too-large file is refused
 * before any byte travels; cancel stops the transfer and deletes what had arrived.
 */
@ExtendWith(BrowserExtension.class)
@Timeout(90)
class UploadBrowserTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    static final int CHUNK = 256 * 1024;

    final E2E e2e;
    @TempDir Path files;

    UploadBrowserTest(E2E e2e) {
        this.e2e = e2e;
    }

    @BeforeEach
    void reset() {
        e2e.reset();
    }

    /** A PNG-signed file of {@code size} random bytes, written to the test's directory. */
    Path png(String name, int size) throws Exception {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy(PNG, 0, b, 0, PNG.length);
        return Files.write(files.resolve(name), b);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The frames the server received on the profile page with this action. */
    List<JsonNode> received(String action) {
        return e2e.frames.of("/profile", ws(Direction.RECEIVED)).stream()
                .map(FrameLog::json)
                .filter(j -> action.equals(j.path("action").asText()))
                .toList();
    }

    List<JsonNode> progressSent() {
        return e2e.frames.of("/profile", ws(Direction.SENT)).stream()
                .map(FrameLog::json)
                .filter(j -> "upload_progress".equals(j.path("type").asText()))
                .toList();
    }

    long staged() throws Exception {
        if (!Files.isDirectory(e2e.uploads)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(e2e.uploads)) {
            return s.count();
        }
    }

    String groupOfTheBrowser() {
        return e2e.driver.manage().getCookieNamed("livetemplate-id").getValue();
    }

    @Test
    void aSelectedImageArrivesWithProgressAndTheControllerSavesItsExactBytes() throws Exception {
        Path file = png("me.png", 700_000);
        byte[] bytes = Files.readAllBytes(file);
        e2e.open("/profile");
        e2e.waitText("#avatar-none", "No avatar yet.");

        e2e.find("#avatar").sendKeys(file.toString());

        e2e.waitText("#avatar-sha256", sha256(bytes));
        assertEquals(
                true,
                e2e.js(
                        "var i = document.getElementById('avatar-preview');"
                                + " return !i.hidden && i.src.startsWith('blob:');"),
                "the preview shows the chosen file from the browser's own copy");
        assertEquals("me.png", e2e.text("#avatar-name"));
        assertEquals("image/png", e2e.text("#avatar-type"));
        assertEquals("700000 bytes", e2e.text("#avatar-size"));
        AvatarStore.Avatar saved = e2e.avatars.get(groupOfTheBrowser());
        assertArrayEquals(bytes, saved.bytes(), "the controller saved the exact bytes");

        // What the client sent (docs/protocol.md §9.1) and the progress the server reported.
        JsonNode start = received("upload_start").get(0);
        assertEquals(
                "[{\"name\":\"me.png\",\"type\":\"image/png\",\"size\":700000}]",
                start.get("files").toString());
        List<JsonNode> chunks = received("upload_chunk");
        assertEquals(
                List.of(0L, (long) CHUNK, 2L * CHUNK),
                chunks.stream().map(c -> c.get("offset").asLong()).toList());
        e2e.waitServer("three progress frames", () -> progressSent().size() == 3);
        assertEquals(
                List.of(CHUNK, 2 * CHUNK, 700_000),
                progressSent().stream().map(p -> p.get("bytes_recv").asInt()).toList());
        assertEquals(100, progressSent().get(2).get("progress").asInt());
        assertEquals("[\"e1\"]", received("upload_complete").get(0).get("entry_ids").toString());
        assertEquals(
                "100",
                String.valueOf(e2e.js("return document.getElementById('avatar-progress').value")));
        assertEquals(0, staged(), "the staged file is deleted after the action");
    }

    @Test
    void aTooLargeFileIsRefusedBeforeAnyByteTravels() throws Exception {
        Path file = png("huge.png", 2_500_000);
        e2e.open("/profile");

        e2e.find("#avatar").sendKeys(file.toString());

        e2e.waitText("#avatar-error", "file too large: 2500000 bytes, at most 2000000");
        JsonNode entry =
                e2e.frames.of("/profile", ws(Direction.SENT)).stream()
                        .map(FrameLog::json)
                        .filter(j -> j.has("entries"))
                        .findFirst()
                        .orElseThrow()
                        .get("entries")
                        .get(0);
        assertEquals(false, entry.get("valid").asBoolean());
        assertEquals(List.of(), received("upload_chunk"));
        assertEquals("No avatar yet.", e2e.text("#avatar-none"));
        assertNull(e2e.avatars.get(groupOfTheBrowser()));
    }

    @Test
    void cancelStopsTheTransferAndDeletesWhatArrived() throws Exception {
        Path file = png("big.png", 1_500_000);
        e2e.open("/profile");
        // Press Cancel as soon as the first chunk has gone (the client reports it synchronously).
        e2e.js(
                "var w = document.querySelector('[data-lvt-id]');"
                        + "w.addEventListener('lvt:upload:progress', function once() {"
                        + "  w.removeEventListener('lvt:upload:progress', once);"
                        + "  document.getElementById('avatar-cancel').click();"
                        + "});");

        e2e.find("#avatar").sendKeys(file.toString());

        e2e.waitText("#avatar-error", "Upload cancelled");
        e2e.waitServer("the cancel to arrive", () -> received("cancel_upload").size() == 1);
        assertEquals("e1", received("cancel_upload").get(0).get("entry_id").asText(), "the entry");
        assertTrue(received("upload_chunk").size() < 6, "the transfer stopped early");
        assertEquals(List.of(), received("upload_complete"));
        e2e.waitServer(
                "the staged file to be deleted",
                () -> {
                    try {
                        return staged() == 0;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
        assertEquals("No avatar yet.", e2e.text("#avatar-none"));
        assertNull(e2e.avatars.get(groupOfTheBrowser()));
    }

    // ------------------------------------------------------------------ attachments

    /** The SHA-256s the page lists, in order. */
    List<String> listedSha256s(org.openqa.selenium.WebDriver d) {
        return d
                .findElements(org.openqa.selenium.By.cssSelector("#attachments-list .sha256"))
                .stream()
                .map(org.openqa.selenium.WebElement::getText)
                .toList();
    }

    /** Three files of different sizes and contents. */
    List<Path> threeFiles() throws Exception {
        List<Path> out = new java.util.ArrayList<>();
        int[] sizes = {1_000, 300_000, 600_000};
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = new byte[sizes[i]];
            new Random(i + 11).nextBytes(b);
            out.add(Files.write(files.resolve("doc" + i + ".bin"), b));
        }
        return out;
    }

    List<String> sha256s(List<Path> paths) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (Path p : paths) {
            out.add(sha256(Files.readAllBytes(p)));
        }
        return out;
    }

    @Test
    void severalSelectedFilesArriveAndTheListShowsEachFilesSha256() throws Exception {
        List<Path> docs = threeFiles();
        e2e.open("/profile");

        e2e.find("#attachments")
                .sendKeys(String.join("\n", docs.stream().map(Path::toString).toList()));

        e2e.waitServer("three attachments listed", () -> listedSha256s(e2e.driver).size() == 3);
        assertEquals(
                new java.util.HashSet<>(sha256s(docs)),
                new java.util.HashSet<>(listedSha256s(e2e.driver)),
                "each file's bytes arrived exactly");
        // .lvt.Uploads lists the selection's entries, each done
        e2e.waitServer(
                "each entry shown done",
                () ->
                        e2e
                                        .driver
                                        .findElements(
                                                org.openqa.selenium.By.cssSelector(
                                                        "#attachments-progress li"))
                                        .stream()
                                        .filter(li -> li.getText().endsWith(": 100%"))
                                        .count()
                                == 3);
        JsonNode start = received("upload_start").get(0);
        assertEquals("attachments", start.get("upload_name").asText());
        assertEquals(3, start.get("files").size());
        assertEquals(0, staged(), "the staged files are deleted after the action");
    }

    @Test
    void filesDroppedOnTheDropZoneAreUploaded() throws Exception {
        List<Path> docs = threeFiles().subList(0, 2);
        e2e.open("/profile");
        // Selenium cannot drag from the desktop: a detached file input takes the files, and a
        // drop event carrying them (a real DataTransfer) is dispatched on the zone.
        e2e.js(
                "var i = document.createElement('input'); i.type = 'file'; i.multiple = true;"
                        + " i.id = 'drag-source'; document.body.appendChild(i);");
        e2e.find("#drag-source")
                .sendKeys(String.join("\n", docs.stream().map(Path::toString).toList()));
        e2e.js(
                "var dt = new DataTransfer();"
                        + "Array.from(document.getElementById('drag-source').files)"
                        + "  .forEach(function (f) { dt.items.add(f); });"
                        + "document.getElementById('drop-zone').dispatchEvent("
                        + "  new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));");

        e2e.waitServer("two attachments listed", () -> listedSha256s(e2e.driver).size() == 2);
        assertEquals(
                new java.util.HashSet<>(sha256s(docs)),
                new java.util.HashSet<>(listedSha256s(e2e.driver)));
    }

    @Test
    void withoutJavaScriptTheAttachmentsFormPostsMultipartAndTheFilesArrive() throws Exception {
        List<Path> docs = threeFiles();
        org.openqa.selenium.chrome.ChromeDriver d = e2e.noJs();
        d.get(e2e.base + "/profile");

        d.findElement(org.openqa.selenium.By.id("attachments"))
                .sendKeys(String.join("\n", docs.stream().map(Path::toString).toList()));
        d.findElement(
                        org.openqa.selenium.By.cssSelector(
                                "button[name='upload_attachments_complete']"))
                .click();

        new org.openqa.selenium.support.ui.WebDriverWait(d, E2E.WAIT)
                .withMessage(() -> "three attachments listed; the page: " + d.getPageSource())
                .until(x -> listedSha256s(x).size() == 3);
        assertEquals(sha256s(docs), listedSha256s(d), "in the order posted, bytes exact");
        assertEquals(e2e.base + "/profile", d.getCurrentUrl(), "redirected back (303)");
        assertEquals(0, staged());
    }

    @Test
    void withTheSocketBlockedTheClientFallsBackToHttpAndTheFileStillArrives() throws Exception {
        Path file = png("me.png", 600_000);
        byte[] bytes = Files.readAllBytes(file);
        org.openqa.selenium.chrome.ChromeDriver d = e2e.driver;
        // A network that lets no WebSocket through (CDP's URL blocking does not cover sockets):
        // before any page script, every socket fails to open as a blocked one does.
        Object id =
                d.executeCdpCommand(
                                "Page.addScriptToEvaluateOnNewDocument",
                                java.util.Map.of(
                                        "source",
                                        "window.WebSocket = function () {"
                                                + "  var s = this; s.readyState = 0;"
                                                + "  setTimeout(function () {"
                                                + "    s.readyState = 3;"
                                                + "    if (s.onerror) { s.onerror(new Event('error')); }"
                                                + "    if (s.onclose) { s.onclose({code: 1006, reason: ''}); }"
                                                + "  }, 0);"
                                                + "};"
                                                + "window.WebSocket.prototype.send = function () {"
                                                + "  throw new Error('closed'); };"
                                                + "window.WebSocket.prototype.close = function () {};"
                                                + "window.WebSocket.CONNECTING = 0; window.WebSocket.OPEN = 1;"
                                                + "window.WebSocket.CLOSING = 2; window.WebSocket.CLOSED = 3;"))
                        .get("identifier");
        try {
            d.get(e2e.base + "/profile");
            e2e.waitText("#avatar-none", "No avatar yet.");
            e2e.waitServer(
                    "the client to give up on the socket",
                    () ->
                            Boolean.TRUE.equals(
                                    e2e.js(
                                            "return !!window.liveTemplateClient &&"
                                                    + " !document.querySelector('[data-lvt-id]')"
                                                    + ".hasAttribute('data-lvt-loading')")));

            e2e.find("#avatar").sendKeys(file.toString());

            e2e.waitText("#avatar-sha256", sha256(bytes));
            assertArrayEquals(bytes, e2e.avatars.get(groupOfTheBrowser()).bytes());
            List<JsonNode> overHttp =
                    e2e.frames.of("/profile", FrameLog.http(Direction.RECEIVED)).stream()
                            .map(FrameLog::json)
                            .filter(j -> "upload_start".equals(j.path("action").asText()))
                            .toList();
            assertEquals(
                    1,
                    overHttp.size(),
                    "the handshake went over HTTP (X-Lvt-Upload: start); chunks over a socket: "
                            + received("upload_chunk").size()
                            + ", HTTP frames: "
                            + e2e.frames.of("/profile", FrameLog.http(Direction.RECEIVED)));
            assertEquals(List.of(), received("upload_chunk"), "no chunk over a socket");
            assertEquals(0, staged());
        } finally {
            d.executeCdpCommand(
                    "Page.removeScriptToEvaluateOnNewDocument", java.util.Map.of("identifier", id));
        }
    }

    @Test
    void aSelectionOfMoreThanFiveFilesShowsTheRefusalAndTheFirstFiveArrive() throws Exception {
        List<Path> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[2_000 + i];
            new Random(100 + i).nextBytes(b);
            docs.add(Files.write(files.resolve("many" + i + ".bin"), b));
        }
        e2e.open("/profile");

        e2e.find("#attachments")
                .sendKeys(String.join("\n", docs.stream().map(Path::toString).toList()));

        e2e.waitText("#attachments-error", "too many files: at most 5");
        e2e.waitServer("five attachments listed", () -> listedSha256s(e2e.driver).size() == 5);
        assertEquals(
                new java.util.HashSet<>(sha256s(docs.subList(0, 5))),
                new java.util.HashSet<>(listedSha256s(e2e.driver)));
    }
}
