package io.github.livetemplate.redis.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, for tests. Never leaves the process
 * behind: {@link #close()} (and a JVM shutdown hook as a last resort) kill it, forcibly if needed.
 * The executable is {@code $REDIS_SERVER} or {@code redis-server} on the PATH ({@code
 * scripts/test.sh} installs it).
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path executable;
    private final int port;
    private final List<String> args;
    private final Path logFile;
    private Process process;
    private boolean paused;
    private final Thread shutdownHook;

    private RedisServer(Path executable, int port) throws IOException {
        this(executable, port, plainArgs(port));
    }

    private RedisServer(Path executable, int port, List<String> args) throws IOException {
        this.executable = executable;
        this.port = port;
        this.args = List.copyOf(args);
        this.logFile = Files.createTempFile("redis-test-" + port + "-", ".log");
        this.shutdownHook = new Thread(this::kill, "redis-test-cleanup-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts redis-server on a free loopback port and waits until it answers PING. */
    public static RedisServer start() throws IOException, InterruptedException {
        RedisServer s = new RedisServer(findExecutable(), freePort());
        try {
            s.restart();
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Starts redis-server on {@code port} with these arguments after the executable (a config file
     * first for a sentinel) and waits until it answers PING. {@link #plainArgs} are the usual ones.
     */
    public static RedisServer start(int port, List<String> args)
            throws IOException, InterruptedException {
        RedisServer s = new RedisServer(findExecutable(), port, args);
        try {
            s.restart();
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The arguments of a throw-away server: no persistence, loopback only. */
    public static List<String> plainArgs(int port) {
        return List.of(
                "--save",
                "",
                "--appendonly",
                "no",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1");
    }

    /**
     * A free loopback port whose {@code port + 10000} (a cluster node's bus port) is free too.
     * Tries random ports in 20000–29999 a bounded number of times.
     */
    public static int freeClusterPort() throws IOException {
        java.util.Random r = new java.util.Random();
        for (int i = 0; i < 200; i++) {
            int p = 20000 + r.nextInt(10000);
            if (isFree(p) && isFree(p + 10000)) {
                return p;
            }
        }
        throw new IOException("no free port pair for a cluster node");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's log so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Reserves a free port for a server that is not started yet ({@link #restart()} starts it). */
    public static RedisServer notStarted() throws IOException {
        return new RedisServer(findExecutable(), freePort());
    }

    public static Path findExecutable() {
        String env = System.getenv("REDIS_SERVER");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir :
                (path + File.pathSeparator + "/usr/bin:/usr/local/bin:/usr/sbin")
                        .split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(
                "redis-server not found (PATH or $REDIS_SERVER): run scripts/test.sh, which installs it,"
                        + " or `apt-get install redis-server`");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** (Re)starts the server on the same port; waits for PING. */
    public synchronized void restart() throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("already running");
        }
        ProcessBuilder pb =
                new ProcessBuilder(command())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        process = pb.start();
        while (!ping()) {
            if (!process.isAlive()) {
                // e.g. the port is briefly still in use after a kill: retry until the deadline
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "redis-server exited: " + Files.readString(logFile));
                }
                Thread.sleep(50);
                process = pb.start();
                continue;
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException(
                        "redis-server did not answer PING within "
                                + START_TIMEOUT
                                + ": "
                                + Files.readString(logFile));
            }
            Thread.sleep(20);
        }
    }

    private List<String> command() {
        List<String> c = new java.util.ArrayList<>();
        c.add(executable.toString());
        c.addAll(args);
        return c;
    }

    /** Answers +PONG on a plain socket (bounded by short timeouts). */
    public boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line =
                    new BufferedReader(
                                    new InputStreamReader(
                                            s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
            return "+PONG".equals(line);
        } catch (IOException e) {
            return false;
        }
    }

    /** The server process's id. */
    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException("not running");
        }
        return process.pid();
    }

    /**
     * Freezes the server ({@code kill -STOP}): its sockets stay open and accept data, nothing is
     * answered, as with a hung (not dead) Redis. {@link #resume()} (or {@link #close()}) thaws it.
     */
    public synchronized void pause() throws IOException, InterruptedException {
        signal("STOP");
        paused = true;
    }

    /** Thaws a {@linkplain #pause() paused} server ({@code kill -CONT}). */
    public synchronized void resume() throws IOException, InterruptedException {
        signal("CONT");
        paused = false;
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process k =
                new ProcessBuilder("kill", "-" + name, Long.toString(pid()))
                        .redirectErrorStream(true)
                        .start();
        if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) {
            k.destroyForcibly();
            throw new IllegalStateException(
                    "kill -"
                            + name
                            + " "
                            + pid()
                            + " failed: "
                            + new String(
                                    k.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Kills the server abruptly (SIGKILL), as in a crash; waits until it is gone. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        Process p = process;
        if (p != null && p.isAlive() && paused) {
            try {
                resume(); // a stopped process would not act on SIGTERM
            } catch (IOException | InterruptedException | RuntimeException e) {
                p.destroyForcibly();
            }
        }
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException ignored) {
            // temp file
        }
    }
}
