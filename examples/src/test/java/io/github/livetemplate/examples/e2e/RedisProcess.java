package io.github.livetemplate.examples.e2e;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away {@code redis-server} on a free loopback port, for tests (the same approach as the
 * runtime's test helper, which this module cannot see): no persistence, bound to 127.0.0.1,
 * started and restarted on the same port, killed by {@link #close()} and, as a last resort, by
 * a JVM shutdown hook. The executable is {@code $REDIS_SERVER} or {@code redis-server} on the
 * PATH ({@code scripts/test.sh} installs it).
 */
final class RedisProcess implements AutoCloseable {
  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Path executable;
  private final int port;
  private final Path log;
  private final Thread hook = new Thread(this::kill, "redis-test-cleanup");
  private Process process;

  private RedisProcess(Path executable, int port) throws IOException {
    this.executable = executable;
    this.port = port;
    this.log = Files.createTempFile("chat-redis-" + port + "-", ".log");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a server on a free loopback port; returns once it answers PING. */
  static RedisProcess start() throws IOException, InterruptedException {
    RedisProcess r = new RedisProcess(executable(), freePort());
    try {
      r.restart();
    } catch (IOException | InterruptedException | RuntimeException e) {
      r.close();
      throw e;
    }
    return r;
  }

  static Path executable() {
    String env = System.getenv("REDIS_SERVER");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Path.of(env);
    }
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator
        + "/usr/bin:/usr/local/bin:/usr/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server"))) {
        return Path.of(dir, "redis-server");
      }
    }
    throw new IllegalStateException("redis-server not found (PATH or $REDIS_SERVER): run"
        + " scripts/test.sh, which installs it, or apt-get install redis-server");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** (Re)starts the server on its port; returns once it answers PING (at most 10 s). */
  synchronized void restart() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    ProcessBuilder pb = new ProcessBuilder(List.of(executable.toString(), "--save", "",
        "--appendonly", "no", "--port", Integer.toString(port), "--bind", "127.0.0.1"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
    process = pb.start();
    while (!ping()) {
      if (System.nanoTime() > deadline) {
        kill();
        throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
      }
      if (!process.isAlive()) {
        Thread.sleep(50); // e.g. the port still held after a kill: try again
        process = pb.start();
      } else {
        Thread.sleep(20);
      }
    }
  }

  /** Whether the server answers PING (short timeouts). */
  boolean ping() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return "+PONG".equals(new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII)).readLine());
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills the server abruptly (SIGKILL, like a crash) and waits until it is gone. */
  synchronized void kill() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file
    }
  }
}
