package io.github.livetemplate.dev;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an application in dev mode in a child JVM and restarts it when its compiled classes change
 * (docs/dev-mode.md, "Java edits"): an IDE build or {@code mvn compile} writes {@code
 * target/classes}, the child is stopped (its shutdown saves the open pages' states), a new one
 * starts, and the open tabs reconnect and get their states back.
 *
 * <pre>
 * java -cp &lt;the app's class path&gt; io.github.livetemplate.dev.DevLauncher \
 *     [--watch target/classes]... [--sources src/main/java --compile "./mvnw -o -q compile"] \
 *     com.example.Main [args...]
 * </pre>
 *
 * <p>The child runs {@code java} of this JVM with the launcher's class path (including the URLs of
 * a class loader such as {@code exec:java}'s), {@code -Dlivetemplate.dev=true}, {@code
 * -Dlivetemplate.dev.stateFile} (default {@code target/livetemplate-dev/states.json}) and every
 * {@code livetemplate.*} system property of the launcher. With {@code --compile}, a change below
 * {@code --sources} runs the command (through {@code sh -c}), whose output lands in the watched
 * classes. For development only.
 */
public final class DevLauncher implements AutoCloseable {

    /** How often the watched folders are looked at. */
    private static final long POLL_MILLIS = 200;

    /** A build writes many files: wait until nothing changed for this long before restarting. */
    private static final long QUIET_MILLIS = 300;

    /** How long a stopping child may take (its graceful shutdown) before it is killed. */
    private static final long STOP_SECONDS = 15;

    /** At most this many files are looked at per folder (a bounded walk). */
    private static final int MAX_FILES = 200_000;

    /** What to run and watch. */
    public record Options(
            List<Path> watch,
            Path sources,
            String compile,
            Path stateFile,
            List<String> jvmArgs,
            String classPath,
            String mainClass,
            List<String> args) {
        public Options {
            watch = List.copyOf(watch);
            jvmArgs = List.copyOf(jvmArgs);
            args = List.copyOf(args);
            Objects.requireNonNull(mainClass, "mainClass");
            Objects.requireNonNull(classPath, "classPath");
            Objects.requireNonNull(stateFile, "stateFile");
        }

        /** Parses the command line described on {@link DevLauncher}. */
        public static Options parse(String... argv) {
            List<Path> watch = new ArrayList<>();
            Path sources = null;
            String compile = null;
            Path state = null;
            int i = 0;
            for (; i < argv.length && argv[i].startsWith("--"); i++) {
                String flag = argv[i];
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = argv[++i];
                switch (flag) {
                    case "--watch" -> watch.add(Path.of(value));
                    case "--sources" -> sources = Path.of(value);
                    case "--compile" -> compile = value;
                    case "--state-file" -> state = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (i >= argv.length) {
                throw new IllegalArgumentException(
                        "usage: DevLauncher [--watch DIR]... [--sources DIR --compile CMD]"
                                + " [--state-file FILE] MainClass [args...]");
            }
            if (watch.isEmpty()) {
                watch.add(Path.of("target", "classes"));
            }
            if (state == null) {
                state =
                        watch.get(0)
                                .toAbsolutePath()
                                .getParent()
                                .resolve("livetemplate-dev")
                                .resolve("states.json");
            }
            List<String> jvm = new ArrayList<>();
            System.getProperties()
                    .stringPropertyNames()
                    .forEach(
                            k -> {
                                if (k.startsWith("livetemplate.")
                                        && !k.equals("livetemplate.dev")
                                        && !k.equals("livetemplate.dev.stateFile")) {
                                    jvm.add("-D" + k + "=" + System.getProperty(k));
                                }
                            });
            return new Options(
                    watch,
                    sources,
                    compile,
                    state,
                    jvm,
                    DevLauncher.classPath(),
                    argv[i],
                    List.of(argv).subList(i + 1, argv.length));
        }
    }

    private final Options options;
    private volatile boolean closed;
    private Process child;
    private int starts;

    public DevLauncher(Options options) {
        this.options = options;
    }

    /** Runs until the JVM is stopped (Ctrl+C), restarting the child on every class change. */
    public static void main(String[] argv) throws Exception {
        DevLauncher launcher = new DevLauncher(Options.parse(argv));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "lvt-dev-launcher"));
        launcher.run();
    }

    /** Starts the child, then watches until {@link #close()}. */
    public void run() throws InterruptedException {
        long classes = stamp(options.watch());
        long sources = options.sources() == null ? 0 : stamp(List.of(options.sources()));
        start();
        while (!closed) {
            Thread.sleep(POLL_MILLIS);
            if (options.compile() != null) {
                long s = stamp(List.of(options.sources()));
                if (s != sources) {
                    sources = settle(List.of(options.sources()), s);
                    compile();
                }
            }
            long c = stamp(options.watch());
            if (c != classes && !closed) {
                classes = settle(options.watch(), c);
                say("classes changed; restarting " + options.mainClass());
                stop();
                start();
            }
        }
    }

    /** How many times a child was started. */
    public synchronized int starts() {
        return starts;
    }

    /** Stops watching and stops the child (gracefully, then forcibly). */
    @Override
    public void close() {
        closed = true;
        stop();
    }

    private synchronized void start() {
        if (closed) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dlivetemplate.dev=true");
        cmd.add("-Dlivetemplate.dev.stateFile=" + options.stateFile().toAbsolutePath());
        cmd.addAll(options.jvmArgs());
        cmd.add("-cp");
        cmd.add(options.classPath());
        cmd.add(options.mainClass());
        cmd.addAll(options.args());
        try {
            child = new ProcessBuilder(cmd).inheritIO().start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + options.mainClass(), e);
        }
    }

    private synchronized void stop() {
        Process p = child;
        child = null;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM: the child's shutdown hooks save its pages' states
        try {
            if (!p.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                say("the application did not stop in time; killing it");
                p.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The launcher's own lines go to stderr: under {@code mvn -q exec:java} a logger is muted. */
    private static void say(String line) {
        System.err.println("[livetemplate dev] " + line);
    }

    private void compile() throws InterruptedException {
        say("sources changed; running " + options.compile());
        try {
            Process p = new ProcessBuilder("sh", "-c", options.compile()).inheritIO().start();
            int rc = p.waitFor();
            if (rc != 0) {
                say("the compile command failed (exit " + rc + "); the application keeps running");
            }
        } catch (IOException e) {
            say("cannot run " + options.compile() + ": " + e);
        }
    }

    /** Waits until the folders stop changing; their last stamp. */
    private long settle(List<Path> dirs, long seen) throws InterruptedException {
        long last = seen;
        for (int i = 0; i < 100; i++) { // bounded: 30 s of a build still writing
            Thread.sleep(QUIET_MILLIS);
            long now = stamp(dirs);
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** A value that changes when a file below {@code dirs} is added, removed or rewritten. */
    static long stamp(List<Path> dirs) {
        long h = 17;
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d)) {
                for (Path f : (Iterable<Path>) files.limit(MAX_FILES)::iterator) {
                    if (Files.isRegularFile(f)) {
                        h = h * 31 + f.hashCode();
                        h = h * 31 + Files.getLastModifiedTime(f).toMillis();
                        h = h * 31 + Files.size(f);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // A build deleting files while we look: the next poll sees the result.
                h = h * 31 + 1;
            }
        }
        return h;
    }

    /**
     * The application's class path: the URLs of the context class loader when it is a URL class
     * loader (as under {@code exec:java}, whose {@code java.class.path} is Maven's own), else
     * {@code java.class.path}.
     */
    public static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader u) {
            for (URL url : u.getURLs()) {
                if ("file".equals(url.getProtocol())) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a local file: the child cannot use it either
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            return System.getProperty("java.class.path", "");
        }
        return String.join(File.pathSeparator, entries);
    }
}
