package io.github.livetemplate.undertow.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Internal: what the limits of one handler refused, counted (read by {@code LiveHandler}). */
public final class Counters {
    /** Frames not sent because their connection's outbound queue was full. */
    public final AtomicLong outboundDropped = new AtomicLong();

    /** Connections closed because their client did not read fast enough. */
    public final AtomicLong slowClientCloses = new AtomicLong();

    /** Inbound messages refused by the rate limit. */
    public final AtomicLong rateLimited = new AtomicLong();

    /** Connections closed for persistently exceeding the rate limit. */
    public final AtomicLong abuseCloses = new AtomicLong();

    /** Upgrades refused (503) or connections closed because a connection cap was reached. */
    public final AtomicLong connectionsRefused = new AtomicLong();

    /** Inbound messages refused because the connection's queue was full. */
    public final AtomicLong inboundDropped = new AtomicLong();
}
