package io.github.livetemplate.undertow;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.time.Duration;

/**
 * Recommended Undertow server options for serving live pages, which Undertow leaves unbounded: how
 * long a client may take to send its request headers, how long a connection may stay silent, how
 * long a keep-alive connection may wait for its next request.
 *
 * <pre>{@code
 * Undertow server = ServerDefaults.apply(Undertow.builder())
 *     .addHttpListener(8080, "0.0.0.0")
 *     .setHandler(paths)
 *     .build();
 * }</pre>
 *
 * Without them, a client that sends half its headers (slowloris) or half a POST body holds its
 * connection forever. Set them one by one with {@link Undertow.Builder#setServerOption} where other
 * values are wanted. WebSockets have an idle timeout of their own ({@link
 * LiveHandler.Builder#webSocketIdleTimeout}).
 */
public final class ServerDefaults {
    /** Time to send the request line and headers: 10 s. */
    public static final Duration REQUEST_PARSE_TIMEOUT = Duration.ofSeconds(10);

    /** Silence on a connection (no byte read or written), e.g. a stalled POST body: 60 s. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** Wait for the next request on a keep-alive connection: 60 s. */
    public static final Duration NO_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private ServerDefaults() {}

    /** Sets the recommended timeouts on {@code builder}. */
    public static Undertow.Builder apply(Undertow.Builder builder) {
        return apply(builder, REQUEST_PARSE_TIMEOUT, IDLE_TIMEOUT, NO_REQUEST_TIMEOUT);
    }

    /** Sets these timeouts on {@code builder}. */
    public static Undertow.Builder apply(
            Undertow.Builder builder,
            Duration requestParseTimeout,
            Duration idleTimeout,
            Duration noRequestTimeout) {
        return builder.setServerOption(
                        UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(requestParseTimeout))
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, millis(idleTimeout))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(noRequestTimeout));
    }

    private static int millis(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: " + d);
        }
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
