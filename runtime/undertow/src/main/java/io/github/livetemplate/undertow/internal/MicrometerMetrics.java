package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.Metrics;
import io.github.livetemplate.runtime.engine.PageEngine;
import io.github.livetemplate.runtime.engine.PushHub;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Internal: the one class that touches Micrometer. Loaded only when an application passes a
 * registry to {@code LiveHandler.Builder.metrics}, so that Micrometer is an optional dependency.
 * The meters and their tags are listed in docs/runtime.md, "Metrics"; every meter carries the tag
 * {@code page}, and action names are bounded by the engine ({@link Metrics#action}).
 */
public final class MicrometerMetrics implements Metrics {
    private final MeterRegistry registry;
    private final Tags page;
    private final Timer render;
    private final Timer diff;
    private final DistributionSummary updates;

    /** The counter and timer of each (action, outcome) seen: bounded by the page's actions. */
    private final ConcurrentMap<String, ActionMeters> actions = new ConcurrentHashMap<>();

    private record ActionMeters(Counter count, Timer time) {}

    private MicrometerMetrics(MeterRegistry registry, String page) {
        this.registry = registry;
        this.page = Tags.of("page", page);
        this.render =
                Timer.builder("livetemplate.render.duration")
                        .description("Full renders of a page or tree")
                        .tags(this.page)
                        .register(registry);
        this.diff =
                Timer.builder("livetemplate.diff.duration")
                        .description("Diffs rendered for WebSocket updates")
                        .tags(this.page)
                        .register(registry);
        this.updates =
                DistributionSummary.builder("livetemplate.update.size")
                        .description("Updates answering actions")
                        .baseUnit("bytes")
                        .tags(this.page)
                        .register(registry);
    }

    /**
     * Registers the meters of one page handler in {@code registry} (a {@code MeterRegistry}, typed
     * {@code Object} so that callers need not load Micrometer) and returns what its engine reports
     * to.
     *
     * @param counters the handler's refusal counters
     * @param openConnections the handler's open WebSockets
     */
    public static Metrics bind(
            Object registry,
            String page,
            Counters counters,
            IntSupplier openConnections,
            PageEngine<?> engine,
            PushHub<?> hub) {
        requireUnused(registry, page);
        MeterRegistry r = (MeterRegistry) registry;
        MicrometerMetrics m = new MicrometerMetrics(r, page);
        Gauge.builder("livetemplate.connections", openConnections, s -> s.getAsInt())
                .description("Open WebSocket connections")
                .tags(m.page)
                .strongReference(true)
                .register(r);
        m.counter(
                "livetemplate.messages.dropped",
                "Messages dropped because a connection's queue was full",
                Tags.of("direction", "inbound"),
                counters.inboundDropped);
        m.counter(
                "livetemplate.messages.dropped",
                "Messages dropped because a connection's queue was full",
                Tags.of("direction", "outbound"),
                counters.outboundDropped);
        m.function(
                "livetemplate.messages.dropped",
                "Messages dropped because a connection's queue was full",
                Tags.of("direction", "push"),
                hub,
                h -> h.droppedPushes());
        m.counter(
                "livetemplate.messages.rate_limited",
                "Inbound messages refused by the rate limit",
                Tags.empty(),
                counters.rateLimited);
        m.counter(
                "livetemplate.connections.closed",
                "Connections closed by a limit",
                Tags.of("reason", "slow_client"),
                counters.slowClientCloses);
        m.counter(
                "livetemplate.connections.closed",
                "Connections closed by a limit",
                Tags.of("reason", "rate_limit"),
                counters.abuseCloses);
        m.counter(
                "livetemplate.connections.refused",
                "Upgrades refused by a connection cap",
                Tags.empty(),
                counters.connectionsRefused);
        m.function(
                "livetemplate.uploads.refused",
                "Upload files and messages refused",
                Tags.empty(),
                engine,
                e -> e.refusedUploads());
        m.function(
                "livetemplate.session_store.errors",
                "Session store calls that failed",
                Tags.empty(),
                engine,
                e -> e.storeErrors());
        Broadcaster b = hub.broadcaster();
        m.function(
                "livetemplate.broadcaster.publishes",
                "Messages the broadcaster handed to its transport",
                Tags.empty(),
                b,
                x -> x.stats().published());
        m.function(
                "livetemplate.broadcaster.failures",
                "Messages for other instances that did not reach the broadcaster",
                Tags.empty(),
                hub,
                h -> h.broadcastFailures());
        m.function(
                "livetemplate.broadcaster.reconnects",
                "Times the broadcaster's transport was re-established after an outage",
                Tags.empty(),
                b,
                x -> x.stats().reconnects());
        return m;
    }

    /**
     * Throws {@link IllegalStateException} when another handler reports to {@code registry} as
     * {@code page}: Micrometer would hand back that handler's meters, and the figures would be
     * wrong.
     */
    public static void requireUnused(Object registry, String page) {
        if (((MeterRegistry) registry).find("livetemplate.connections").tag("page", page).gauge()
                != null) {
            throw new IllegalStateException(
                    "another handler reports to this registry as page \"" + page + "\"");
        }
    }

    private void counter(String name, String description, Tags tags, AtomicLong count) {
        function(name, description, tags, count, AtomicLong::doubleValue);
    }

    private <T> void function(
            String name, String description, Tags tags, T source, ToDoubleFunction<T> read) {
        FunctionCounter.builder(name, source, read)
                .description(description)
                .tags(page.and(tags))
                .register(registry);
    }

    @Override
    public void action(String action, String outcome, long nanos) {
        ActionMeters m =
                actions.computeIfAbsent(
                        action + '\n' + outcome,
                        k -> {
                            Tags tags = page.and("action", action, "outcome", outcome);
                            return new ActionMeters(
                                    Counter.builder("livetemplate.actions")
                                            .description("Actions run")
                                            .tags(tags)
                                            .register(registry),
                                    Timer.builder("livetemplate.action.duration")
                                            .description("Actions, from the call to the answer")
                                            .tags(tags)
                                            .register(registry));
                        });
        m.count().increment();
        m.time().record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void render(long nanos) {
        render.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void diff(long nanos) {
        diff.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void update(int bytes) {
        updates.record(bytes);
    }
}
