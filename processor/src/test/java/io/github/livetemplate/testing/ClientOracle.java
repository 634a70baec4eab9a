package io.github.livetemplate.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code @livetemplate/client} tree renderer as a test oracle (see "Testing against the
 * client" in docs/protocol.md).
 *
 * <p>Runs one {@code node} process with {@code oracle/oracle.js} (a test resource) that holds one
 * {@code TreeRenderer} of the pinned client package. {@link #apply} feeds it a tree (the first,
 * complete one or a later update) and returns the wrapper's inner HTML the client would have after
 * merging it; {@link #reset} is what the client does on reconnect.
 *
 * <p>The package is fetched once with {@code npm pack @livetemplate/client@0.25.1} into {@code
 * <build dir>/livetemplate-client/package} (system property {@code livetemplate.client.dir}, set by
 * the surefire configuration of the processor module; falls back to {@code
 * <module>/target/livetemplate-client}). Every read from node has a timeout so a hung process
 * cannot hang the build.
 *
 * <p>Not thread-safe: one oracle per test (or per thread).
 */
public final class ClientOracle implements AutoCloseable {

    /** The pinned client version. */
    public static final String CLIENT_PACKAGE = "@livetemplate/client@0.25.1";

    /** How long one request may take before node is considered hung. */
    public static final long RESPONSE_TIMEOUT_MILLIS = 10_000;

    private static final long NPM_TIMEOUT_SECONDS = 180;
    private static final String RENDERER_IN_PACKAGE = "package/dist/state/tree-renderer.js";
    private static final Object FETCH_LOCK = new Object();
    private static final Object EOF = new Object();

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The outcome of one {@code apply} request. */
    public record Result(String html, boolean changed, List<String> errors) {}

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private boolean dead;

    private ClientOracle(Process process) {
        this.process = process;
        this.stdin =
                new BufferedWriter(
                        new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread out = new Thread(() -> pump(process.getInputStream(), true), "client-oracle-stdout");
        out.setDaemon(true);
        out.start();
        Thread err =
                new Thread(() -> pump(process.getErrorStream(), false), "client-oracle-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** Fetches the pinned client if needed and starts the node process. */
    public static ClientOracle start() {
        Path renderer = ensureClient();
        Path script = oracleScript();
        ProcessBuilder pb =
                new ProcessBuilder(
                        System.getProperty("livetemplate.node", "node"),
                        script.toString(),
                        renderer.toString());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start node (is Node.js installed? scripts/test.sh installs it): "
                            + e.getMessage(),
                    e);
        }
        ClientOracle oracle = new ClientOracle(process);
        // Smoke request: proves node loaded the renderer before any test relies on it.
        oracle.reset();
        return oracle;
    }

    /**
     * Applies one tree and returns the resulting inner HTML.
     *
     * @throws AssertionError if the JSON is invalid, the renderer threw, or it logged errors
     */
    public String apply(String treeJson) {
        Result result = applyResult(treeJson);
        if (!result.errors().isEmpty()) {
            throw new AssertionError(
                    "client renderer logged errors applying "
                            + treeJson
                            + ": "
                            + result.errors()
                            + "\nhtml: "
                            + result.html());
        }
        return result.html();
    }

    /**
     * Applies one tree and returns the html, the renderer's {@code changed} flag and any errors it
     * logged (without failing on them).
     *
     * @throws AssertionError if the JSON is invalid or the renderer threw
     */
    public Result applyResult(String treeJson) {
        JsonNode tree;
        try {
            tree = JSON.readTree(treeJson);
        } catch (JsonProcessingException e) {
            throw new AssertionError(
                    "not valid JSON: " + e.getOriginalMessage() + "\n" + treeJson, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new AssertionError("a tree must be a JSON object: " + treeJson);
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("op", "apply");
        request.set("tree", tree);
        JsonNode response = request(request);
        List<String> errors = new ArrayList<>();
        response.path("errors").forEach(e -> errors.add(e.asText()));
        if (response.has("error")) {
            throw new AssertionError(
                    "client renderer failed applying "
                            + treeJson
                            + ": "
                            + response.get("error").asText()
                            + (errors.isEmpty() ? "" : "\nlogged errors: " + errors));
        }
        if (!response.has("html")) {
            throw new AssertionError("unexpected oracle response: " + response);
        }
        return new Result(
                response.get("html").asText(),
                response.path("changed").asBoolean(),
                List.copyOf(errors));
    }

    /** Forgets all tree state, as the client does on reconnect. */
    public void reset() {
        ObjectNode request = JSON.createObjectNode();
        request.put("op", "reset");
        JsonNode response = request(request);
        if (response.has("error")) {
            throw new AssertionError(
                    "client renderer failed to reset: " + response.get("error").asText());
        }
    }

    /** Stops node. */
    @Override
    public void close() {
        dead = true;
        try {
            stdin.close();
        } catch (IOException ignored) {
            // node may be gone already
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode request(ObjectNode request) {
        if (dead) {
            throw new AssertionError("client oracle is no longer running" + stderrSuffix());
        }
        Object line;
        try {
            stdin.write(JSON.writeValueAsString(request));
            stdin.write('\n');
            stdin.flush();
            line = lines.poll(RESPONSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            fail();
            throw new AssertionError("cannot talk to node: " + e.getMessage() + stderrSuffix(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail();
            throw new AssertionError("interrupted waiting for node", e);
        }
        if (line == null) {
            fail();
            throw new AssertionError(
                    "node did not answer within "
                            + RESPONSE_TIMEOUT_MILLIS
                            + " ms"
                            + stderrSuffix());
        }
        if (line == EOF) {
            fail();
            throw new AssertionError("node exited unexpectedly" + stderrSuffix());
        }
        try {
            return JSON.readTree((String) line);
        } catch (JsonProcessingException e) {
            fail();
            throw new AssertionError("unparsable oracle response: " + line + stderrSuffix(), e);
        }
    }

    private void fail() {
        dead = true;
        process.destroyForcibly();
    }

    private String stderrSuffix() {
        String err = stderr.toString().strip();
        return err.isEmpty() ? "" : "\nnode stderr:\n" + err;
    }

    private void pump(InputStream in, boolean isStdout) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (isStdout) {
                    lines.add(line);
                } else if (stderr.length() < 64_000) {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // process ended
        } finally {
            if (isStdout) {
                lines.add(EOF);
            }
        }
    }

    // ---------------------------------------------------------------- fetching the client

    /** The directory that caches the client package (contains {@code package/} once fetched). */
    public static Path clientDir() {
        String configured = System.getProperty("livetemplate.client.dir");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        return moduleDir().resolve("target").resolve("livetemplate-client");
    }

    /**
     * Returns {@code tree-renderer.js} of the pinned client, running {@code npm pack} if needed.
     */
    public static Path ensureClient() {
        Path dir = clientDir();
        Path renderer = dir.resolve(RENDERER_IN_PACKAGE);
        synchronized (FETCH_LOCK) {
            if (Files.isRegularFile(renderer)) {
                return renderer;
            }
            try {
                Files.createDirectories(dir);
                // Unpack into a private folder and move it into place, so parallel builds sharing
                // the
                // folder never see a half-extracted package.
                Path work = Files.createTempDirectory(dir, "fetch-");
                try {
                    Path log = work.resolve("npm.log");
                    run(
                            dir,
                            work,
                            log,
                            "npm",
                            "pack",
                            CLIENT_PACKAGE,
                            "--pack-destination",
                            work.toString());
                    Path tarball;
                    try (Stream<Path> files = Files.list(work)) {
                        tarball =
                                files.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                                        .findFirst()
                                        .orElseThrow(
                                                () ->
                                                        new IllegalStateException(
                                                                "npm pack "
                                                                        + CLIENT_PACKAGE
                                                                        + " produced no tarball; npm output:\n"
                                                                        + readQuietly(log)));
                    }
                    run(dir, work, log, "tar", "-xzf", tarball.toString(), "-C", work.toString());
                    Path extracted = work.resolve("package");
                    if (!Files.isRegularFile(work.resolve(RENDERER_IN_PACKAGE))) {
                        throw new IllegalStateException(
                                "the tarball of "
                                        + CLIENT_PACKAGE
                                        + " has no "
                                        + RENDERER_IN_PACKAGE);
                    }
                    if (!Files.isRegularFile(renderer)) {
                        // A leftover, incomplete package/ (e.g. an interrupted manual extraction)
                        // is replaced.
                        deleteTree(dir.resolve("package"));
                        try {
                            Files.move(
                                    extracted,
                                    dir.resolve("package"),
                                    StandardCopyOption.ATOMIC_MOVE);
                        } catch (IOException e) {
                            // Another build sharing this folder may have won the race.
                            if (!Files.isRegularFile(renderer)) {
                                throw e;
                            }
                        }
                    }
                    Files.copy(
                            tarball,
                            dir.resolve(tarball.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    deleteTree(work);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot fetch " + CLIENT_PACKAGE + " into " + dir, e);
            }
            if (!Files.isRegularFile(renderer)) {
                throw new IllegalStateException(
                        "fetching " + CLIENT_PACKAGE + " did not produce " + renderer);
            }
            return renderer;
        }
    }

    private static void run(Path cwd, Path work, Path log, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run "
                            + command[0]
                            + " (needed to fetch "
                            + CLIENT_PACKAGE
                            + "; scripts/test.sh installs Node.js and npm): "
                            + e.getMessage(),
                    e);
        }
        p.getOutputStream().close();
        boolean finished;
        try {
            finished = p.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
        if (!finished) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command)
                            + " did not finish within "
                            + NPM_TIMEOUT_SECONDS
                            + " s (is the npm registry reachable?); output:\n"
                            + readQuietly(log));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command)
                            + " failed with exit code "
                            + p.exitValue()
                            + " (is the npm registry reachable?); output:\n"
                            + readQuietly(log));
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException ignored) {
                                    // best effort
                                }
                            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /**
     * The processor module folder: Maven runs tests there; from the repository root, processor/.
     */
    private static Path moduleDir() {
        Path cwd = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("src/test/resources/oracle/oracle.js"))) {
            return cwd;
        }
        Path nested = cwd.resolve("processor");
        if (Files.isRegularFile(nested.resolve("src/test/resources/oracle/oracle.js"))) {
            return nested;
        }
        return cwd;
    }

    /** {@code oracle.js} from the test classpath (copied to a temporary file if inside a jar). */
    private static Path oracleScript() {
        URL url = ClientOracle.class.getResource("/oracle/oracle.js");
        if (url == null) {
            Path source = moduleDir().resolve("src/test/resources/oracle/oracle.js");
            if (Files.isRegularFile(source)) {
                return source;
            }
            throw new IllegalStateException("oracle/oracle.js is not on the test classpath");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Paths.get(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        try (InputStream in = url.openStream()) {
            Path tmp = Files.createTempFile("livetemplate-oracle", ".js");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
