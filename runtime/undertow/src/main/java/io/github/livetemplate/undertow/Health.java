package io.github.livetemplate.undertow;

import io.github.livetemplate.runtime.HealthCheck;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Liveness and readiness endpoints as Undertow handlers, answering JSON:
 *
 * <pre>{@code
 * {"status":"healthy","timestamp":"2026-12-03T17:00:00Z","total_time_ms":1.2,
 *  "checks":[{"name":"redis","status":"healthy"},{"name":"store","status":"unhealthy","error":"…"}]}
 * }</pre>
 *
 * <pre>{@code
 * Health health = Health.builder()
 *     .check("broadcaster", redisBroadcaster.healthCheck())
 *     .check("session-store", HealthCheck.sessionStore(store))
 *     .drains(todos, chat)          // not ready while one of them shuts down
 *     .build();
 * paths.addExactPath("/health/live", health.live()).addExactPath("/health/ready", health.ready());
 * }</pre>
 *
 * <p>{@link #live()} is always 200 while the process serves requests (it runs no check). {@link
 * #ready()} runs every check concurrently, each within the timeout (default 2 s): 200 when all
 * pass, 503 when one fails, times out, or a {@linkplain Builder#drains drained} handler is shutting
 * down. Requests that arrive while a check runs wait for that run instead of starting another, so a
 * hung dependency is never checked twice at once (it reports "still running" until it returns) and
 * overlapping probes of a healthy one all get 200. Answers carry {@code Cache-Control: no-store}.
 */
public final class Health {
    private final List<Check> checks;
    private final List<LiveHandler<?>> drained;
    private final long timeoutNanos;
    private final ExecutorService executor;

    /** A check and its run in progress (shared by the requests that arrive while it runs). */
    private record Check(
            String name, HealthCheck check, AtomicReference<CompletableFuture<String>> running) {}

    /** One request's view of a run: {@code joined} when an earlier request started it. */
    private record Run(CompletableFuture<String> result, boolean joined) {}

    private Health(Builder b) {
        this.checks = List.copyOf(b.checks);
        this.drained = List.copyOf(b.drained);
        this.timeoutNanos = b.timeout.toNanos();
        this.executor =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "livetemplate-health");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Starts a set of checks. */
    public static Builder builder() {
        return new Builder();
    }

    /** The liveness handler: always 200 {@code {"status":"healthy",…,"checks":[]}}. */
    public HttpHandler live() {
        return exchange -> answer(exchange, Map.of(), 0);
    }

    /** The readiness handler: 200 when every check passes, 503 otherwise. */
    public HttpHandler ready() {
        return new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(this);
                    return;
                }
                long start = System.nanoTime();
                answer(exchange, runChecks(), System.nanoTime() - start);
            }
        };
    }

    /**
     * Runs every check once (blocking up to the timeout); name → error, {@code null} if healthy.
     */
    Map<String, String> runChecks() {
        Map<String, String> results = new LinkedHashMap<>();
        for (LiveHandler<?> h : drained) {
            if (h.isShuttingDown()) {
                results.put("shutdown", "shutting down");
                break;
            }
        }
        long deadline = System.nanoTime() + timeoutNanos;
        List<Run> running = new ArrayList<>();
        for (Check c : checks) {
            running.add(start(c));
        }
        for (int i = 0; i < checks.size(); i++) {
            String error;
            try {
                error =
                        running.get(i)
                                .result()
                                .get(
                                        Math.max(0, deadline - System.nanoTime()),
                                        TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                error =
                        running.get(i).joined()
                                ? "still running since an earlier request"
                                : "timed out after "
                                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                                        + " ms";
            } catch (ExecutionException e) {
                error = String.valueOf(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            results.put(checks.get(i).name(), error);
        }
        return results;
    }

    /**
     * Starts {@code c}, or joins its run in progress: concurrent probes share one run (each waits
     * at most its own timeout for it), so a hung check is never started twice and a healthy one is
     * never reported unhealthy just because two probes overlapped.
     */
    private Run start(Check c) {
        while (true) {
            CompletableFuture<String> current = c.running().get();
            if (current != null && !current.isDone()) {
                return new Run(current, true);
            }
            CompletableFuture<String> mine = new CompletableFuture<>();
            if (!c.running().compareAndSet(current, mine)) {
                continue;
            }
            try {
                executor.execute(
                        () -> {
                            try {
                                c.check().check();
                                mine.complete(null);
                            } catch (Exception e) {
                                String m = e.getMessage();
                                mine.complete(
                                        m == null || m.isBlank()
                                                ? e.getClass().getSimpleName()
                                                : m);
                            }
                        });
            } catch (RuntimeException e) {
                mine.complete("not started: " + e);
            }
            return new Run(mine, false);
        }
    }

    private static void answer(
            HttpServerExchange exchange, Map<String, String> results, long nanos) {
        boolean healthy = results.values().stream().allMatch(Objects::isNull);
        Utf8Buffer out = new Utf8Buffer(256);
        out.writeAscii("{\"status\":\"");
        out.writeAscii(healthy ? "healthy" : "unhealthy");
        out.writeAscii("\",\"timestamp\":\"");
        out.writeAscii(Instant.now().toString());
        out.writeAscii("\",\"total_time_ms\":");
        out.writeAscii(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6));
        out.writeAscii(",\"checks\":[");
        boolean first = true;
        for (Map.Entry<String, String> r : results.entrySet()) {
            if (!first) {
                out.writeByte(',');
            }
            first = false;
            out.writeAscii("{\"name\":");
            out.writeJsonString(r.getKey());
            out.writeAscii(",\"status\":\"");
            out.writeAscii(r.getValue() == null ? "healthy" : "unhealthy");
            out.writeByte('"');
            if (r.getValue() != null) {
                out.writeAscii(",\"error\":");
                out.writeJsonString(r.getValue());
            }
            out.writeByte('}');
        }
        out.writeAscii("]}");
        byte[] body = out.toByteArray();
        exchange.setStatusCode(healthy ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.setResponseContentLength(body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** Collects the checks of a {@link Health}. */
    public static final class Builder {
        private final List<Check> checks = new ArrayList<>();
        private final List<LiveHandler<?>> drained = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(2);

        private Builder() {}

        /** Adds a readiness check reported under {@code name}. */
        public Builder check(String name, HealthCheck check) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
            if (name.equals("shutdown") || checks.stream().anyMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException("check name taken: " + name);
            }
            checks.add(new Check(name, check, new AtomicReference<>()));
            return this;
        }

        /** Readiness fails (check {@code "shutdown"}) while one of {@code pages} shuts down. */
        public Builder drains(LiveHandler<?>... pages) {
            for (LiveHandler<?> p : pages) {
                drained.add(Objects.requireNonNull(p, "page"));
            }
            return this;
        }

        /** How long a readiness request waits for its checks (default 2 s). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Builds the handlers' owner. */
        public Health build() {
            return new Health(this);
        }
    }
}
