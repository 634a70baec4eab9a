package io.github.livetemplate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.livetemplate.runtime.TrustedHtml;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Go's own {@code html/template} as a test oracle for pages (see "Differences from Go" in
 * docs/templates.md).
 *
 * <p>Builds {@code src/test/go/gorender} (standard library only) once per JVM with the {@code go}
 * on the path (Debian's {@code golang-go}; {@code scripts/test.sh} installs it), with the build
 * cache under the module's {@code target/}, and runs it as one process answering one JSON line per
 * request. {@link #render} parses the given files together (as Go's {@code ParseFiles}), executes
 * the main one with the data, and returns Go's HTML; {@link #data} turns a state record into Go
 * data (component {@code title} becomes field {@code Title}). Every read has a timeout.
 *
 * <p>Not thread-safe: one oracle per test class.
 */
public final class GoOracle implements AutoCloseable {

    private static final long RESPONSE_TIMEOUT_MILLIS = 20_000;
    private static final long BUILD_TIMEOUT_SECONDS = 300;
    private static final Object BUILD_LOCK = new Object();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object EOF = new Object();

    private static Path built;

    /**
     * The field name Go code would use: a trailing initialism in capitals ({@code id} to {@code
     * ID}, {@code itemId} to {@code ItemID}, {@code imageUrl} to {@code ImageURL}).
     */
    static String goSpelling(String name) {
        String upper = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String i : GO_INITIALISMS) {
            String cap = Character.toUpperCase(i.charAt(0)) + i.substring(1);
            if (name.equals(i)) {
                return i.toUpperCase(java.util.Locale.ROOT);
            }
            if (upper.endsWith(cap) && upper.length() > cap.length()) {
                return upper.substring(0, upper.length() - cap.length())
                        + i.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return name;
    }

    /** Initialisms Go code spells in capitals: both spellings are set. */
    private static final java.util.Set<String> GO_INITIALISMS =
            java.util.Set.of("id", "url", "uri", "html", "api", "http", "json", "css");

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();

    /** A template file: its name (as {@code ParseFiles} names it) and text. */
    public record File(String name, String text) {}

    private GoOracle(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String line; (line = r.readLine()) != null; ) {
                                    lines.add(line);
                                }
                            } catch (IOException ignored) {
                                // the process ended
                            }
                            lines.add(EOF);
                        },
                        "go-oracle-stdout");
        out.setDaemon(true);
        out.start();
    }

    /** Builds the renderer if needed and starts it. */
    public static GoOracle start() {
        Path binary = ensureBuilt();
        ProcessBuilder pb = new ProcessBuilder(binary.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return new GoOracle(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Go's output for {@code template} (one file named {@code t}) and {@code data}. */
    public String render(String template, Object data) {
        return render(List.of(new File("t", template)), "t", data, null);
    }

    /**
     * Go's output for the files parsed together, executing {@code main}.
     *
     * @param data the state (a record is converted by {@link #data}), or a JSON tree
     * @param lvt the {@code .lvt} context ({@code errors}, {@code flash}, {@code devMode}), or null
     *     for none
     * @throws AssertionError when Go reports an error
     */
    public String render(List<File> files, String main, Object data, Map<String, Object> lvt) {
        ObjectNode req = JSON.createObjectNode();
        ArrayNode fs = req.putArray("files");
        for (File f : files) {
            fs.addObject().put("name", f.name()).put("text", f.text());
        }
        req.put("main", main);
        req.set("data", data instanceof JsonNode j ? j : data(data));
        if (lvt != null) {
            req.set("lvt", JSON.valueToTree(lvt));
        }
        JsonNode answer;
        try {
            stdin.write(JSON.writeValueAsString(req));
            stdin.write('\n');
            stdin.flush();
            Object line = lines.poll(RESPONSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (line == null || line == EOF) {
                throw new AssertionError("the Go renderer did not answer");
            }
            answer = JSON.readTree((String) line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (answer.has("error")) {
            throw new AssertionError("Go: " + answer.get("error").asText());
        }
        return answer.get("html").asText();
    }

    /**
     * A state as Go template data: records become objects with their component names capitalised
     * (Go's exported fields; {@code id}, {@code url} and other initialisms also in capitals, as Go
     * spells them: {@code ID}), {@code Optional}s their content or null, enums their names, {@link
     * TrustedHtml} Go's {@code template.HTML} and {@code TrustedAttr} its {@code
     * template.HTMLAttr}; lists, arrays, maps, strings, numbers and booleans as they are.
     */
    public static JsonNode data(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Record r) {
            ObjectNode o = f.objectNode();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    Object v = c.getAccessor().invoke(r);
                    String name = c.getName();
                    JsonNode d = data(v);
                    o.set(Character.toUpperCase(name.charAt(0)) + name.substring(1), d);
                    String go = goSpelling(name);
                    if (!go.equals(name)) {
                        o.set(go, d); // .ID, .ItemID as Go spells them
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return o;
        }
        if (value instanceof Optional<?> o) {
            return data(o.orElse(null));
        }
        if (value instanceof TrustedHtml h) {
            return f.objectNode().put("$html", h.toString());
        }
        if (value instanceof io.github.livetemplate.runtime.TrustedAttr a) {
            return f.objectNode().put("$attr", a.attr());
        }
        if (value instanceof Enum<?> e) {
            return f.textNode(e.name());
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = f.arrayNode();
            c.forEach(e -> a.add(data(e)));
            return a;
        }
        if (value instanceof Object[] arr) {
            return data(List.of(arr));
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            new LinkedHashMap<>(m).forEach((k, v) -> o.set(String.valueOf(k), data(v)));
            return o;
        }
        if (value instanceof Trusted t) {
            return t.go();
        }
        return JSON.valueToTree(value);
    }

    /** A value that knows its Go form (for trusted types the test module defines). */
    public interface Trusted {
        JsonNode go();
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // gone already
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    // ------------------------------------------------------------------ build

    private static Path ensureBuilt() {
        synchronized (BUILD_LOCK) {
            if (built != null) {
                return built;
            }
            Path module = moduleDir();
            Path source = module.resolve("src/test/go/gorender/main.go");
            Path dir = module.resolve("target/go-oracle");
            Path binary = dir.resolve("gorender");
            try {
                Files.createDirectories(dir);
                ProcessBuilder pb =
                        new ProcessBuilder(
                                System.getProperty("livetemplate.go", "go"),
                                "build",
                                "-o",
                                binary.toString(),
                                source.toString());
                Map<String, String> env = pb.environment();
                env.put("GOCACHE", dir.resolve("cache").toString());
                env.put("GOPATH", dir.resolve("gopath").toString());
                env.put("GO111MODULE", "off");
                env.put("CGO_ENABLED", "0");
                env.put("GOFLAGS", "");
                pb.redirectErrorStream(true);
                pb.redirectOutput(dir.resolve("build.log").toFile());
                Process p;
                try {
                    p = pb.start();
                } catch (IOException e) {
                    throw new IllegalStateException(
                            "cannot run go (is Debian's golang-go installed? scripts/test.sh "
                                    + "installs it): "
                                    + e.getMessage(),
                            e);
                }
                if (!p.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("go build timed out");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(
                            "go build failed: " + Files.readString(dir.resolve("build.log")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            built = binary;
            return built;
        }
    }

    private static Path moduleDir() {
        Path dir = Path.of(System.getProperty("user.dir"));
        if (!Files.isDirectory(dir.resolve("src/test/go"))
                && Files.isDirectory(dir.resolve("processor/src/test/go"))) {
            dir = dir.resolve("processor");
        }
        return dir;
    }
}
