package io.github.livetemplate.benchmarks;

import io.github.livetemplate.LiveTemplate;

/**
 * The small page of {@link FanOutBenchmark}: a room's shared snapshot (room, version, message) and
 * a per-connection counter.
 */
@LiveTemplate("fanout.tmpl")
public record FanOutPage(String room, int version, String message, int count) {}
