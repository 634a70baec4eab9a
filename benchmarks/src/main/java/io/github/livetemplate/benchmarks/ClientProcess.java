package io.github.livetemplate.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket clients of {@link SessionHeap} and {@link MemoBenchmark}: {@link FanOutBenchmark}'s
 * client process (a child JVM, so that no client object is in the server's heap or CPU figures),
 * driven line by line over its stdin/stdout.
 */
final class ClientProcess implements AutoCloseable {
    private final Process child;
    private final Writer toChild;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    ClientProcess(String maxHeap) throws Exception {
        String java =
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        child =
                new ProcessBuilder(
                                java,
                                "-Xmx" + maxHeap,
                                "-cp",
                                System.getProperty("java.class.path"),
                                FanOutBenchmark.class.getName(),
                                "--client")
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    child.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String l; (l = in.readLine()) != null; ) {
                                    lines.add(l);
                                }
                            } catch (IOException e) {
                                // child gone
                            }
                            lines.add("EOF");
                        },
                        "child-reader");
        reader.setDaemon(true);
        reader.start();
        System.out.println("client JVM: " + ask("hello", 30));
    }

    /** Sends one command and waits (bounded) for its one-line answer. */
    String ask(String command, long timeoutSeconds) throws Exception {
        send(command);
        return reply(timeoutSeconds);
    }

    void send(String command) throws IOException {
        toChild.write(command + "\n");
        toChild.flush();
    }

    String reply(long timeoutSeconds) throws Exception {
        String l = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (l == null || l.equals("EOF")) {
            throw new IllegalStateException(
                    "client process: " + (l == null ? "no answer" : "gone"));
        }
        return l;
    }

    /** One page GET by the client process: its session cookie. */
    String cookie(String wsUrl) throws Exception {
        return ask("cookie " + wsUrl, 30).substring("cookie ".length());
    }

    /**
     * Opens {@code n} connections of {@code kind} ("live" waits for the first tree, "raw" does not)
     * with {@code cookie} ("fresh": a page GET of its own for each); fails unless all opened.
     */
    void open(String kind, int n, String wsUrl, String cookie) throws Exception {
        String a =
                ask(
                        "open "
                                + kind
                                + " "
                                + n
                                + " "
                                + wsUrl
                                + " "
                                + Base64.getEncoder()
                                        .encodeToString(cookie.getBytes(StandardCharsets.UTF_8)),
                        FanOutBenchmark.OPEN_TIMEOUT_S + 30);
        String[] p = a.split(" ", 5);
        if (Integer.parseInt(p[1]) != n) {
            throw new IllegalStateException(kind + ": " + a);
        }
    }

    /**
     * Arms the client for {@code frames} frames on {@code kind}, runs {@code start}, and returns
     * the client's {@code System.nanoTime()} of the last frame.
     */
    long round(String kind, int frames, Runnable start) throws Exception {
        String armed = ask("arm " + kind + " " + frames, 10);
        if (!armed.equals("armed")) {
            throw new IllegalStateException(armed);
        }
        start.run();
        String d = reply(FanOutBenchmark.STEP_TIMEOUT_S + 5);
        String[] p = d.split(" ");
        if (!p[0].equals("done")) {
            throw new IllegalStateException("client: " + d);
        }
        return Long.parseLong(p[1]);
    }

    @Override
    public void close() throws Exception {
        try {
            ask("close all", 120);
            send("quit");
        } finally {
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
