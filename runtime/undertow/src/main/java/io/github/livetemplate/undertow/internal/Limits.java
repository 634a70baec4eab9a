package io.github.livetemplate.undertow.internal;

/**
 * Internal: the protective limits of one live page handler, as collected by {@code
 * LiveHandler.Builder} (defaults and effects: docs/runtime.md §19).
 *
 * @param outboundMessages how many sent frames may wait per connection for a slow client
 * @param outboundBytes how many bytes of sent frames may wait per connection
 * @param actionsPerSecond the steady rate of inbound messages per connection; {@code 0}: no limit
 * @param actionBurst how many inbound messages a connection may send at once
 * @param refusalsBeforeClose how many refused messages (beyond the refusal rate, one per second per
 *     {@code actionsPerSecond}) close the socket
 * @param maxConnections open WebSockets of the handler at most; {@code 0}: no limit
 * @param maxConnectionsPerGroup open WebSockets of one session group at most; {@code 0}: no limit
 * @param allowedHosts the {@code Host} names requests may carry; empty: any
 * @param headers the security headers of every answer
 * @param webSocketIdleMillis how long a WebSocket may stay silent before it is closed; {@code 0}:
 *     forever, negative: three heartbeat intervals (60 s with the client's default)
 * @param bodyTimeoutMillis how long a POST body may take to arrive; {@code 0}: forever
 */
public record Limits(
        int outboundMessages,
        long outboundBytes,
        double actionsPerSecond,
        int actionBurst,
        int refusalsBeforeClose,
        int maxConnections,
        int maxConnectionsPerGroup,
        java.util.List<String> allowedHosts,
        SecurityHeaders headers,
        long webSocketIdleMillis,
        long bodyTimeoutMillis) {

    /**
     * The defaults: 50 messages / 4 MiB waiting, 10 actions a second with bursts of 20, any host,
     * the default security headers, idle WebSockets closed after three heartbeat intervals.
     */
    public static final Limits DEFAULT =
            new Limits(
                    50,
                    4L << 20,
                    10,
                    20,
                    100,
                    0,
                    0,
                    java.util.List.of(),
                    SecurityHeaders.DEFAULT,
                    -1,
                    30_000);

    public Limits {
        allowedHosts = java.util.List.copyOf(allowedHosts);
        java.util.Objects.requireNonNull(headers, "headers");
        if (outboundMessages < 1 || outboundBytes < 1) {
            throw new IllegalArgumentException("outbound bounds must be positive");
        }
        if (actionsPerSecond < 0 || Double.isNaN(actionsPerSecond) || actionBurst < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
        if (actionsPerSecond > 0 && actionBurst < 1) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1");
        }
        if (refusalsBeforeClose < 1 || maxConnections < 0 || maxConnectionsPerGroup < 0) {
            throw new IllegalArgumentException("connection limits must not be negative");
        }
    }

    /** The WebSocket idle timeout for a page with heartbeat {@code heartbeatMillis} (or -1). */
    public long webSocketIdleMillis(int heartbeatMillis) {
        if (webSocketIdleMillis >= 0) {
            return webSocketIdleMillis;
        }
        if (heartbeatMillis == 0) {
            return 0; // no heartbeat: a quiet socket is a normal one
        }
        return 3L * (heartbeatMillis < 0 ? 20_000 : heartbeatMillis);
    }

    /** These limits with the WebSocket idle timeout resolved for {@code heartbeatMillis}. */
    public Limits resolvedFor(int heartbeatMillis) {
        return new Limits(
                outboundMessages,
                outboundBytes,
                actionsPerSecond,
                actionBurst,
                refusalsBeforeClose,
                maxConnections,
                maxConnectionsPerGroup,
                allowedHosts,
                headers,
                webSocketIdleMillis(heartbeatMillis),
                bodyTimeoutMillis);
    }

    /** Whether inbound messages are rate limited. */
    public boolean rateLimited() {
        return actionsPerSecond > 0;
    }
}
