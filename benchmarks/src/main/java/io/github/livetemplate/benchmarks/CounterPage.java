package io.github.livetemplate.benchmarks;

import io.github.livetemplate.LiveTemplate;

/**
 * The example counter page (examples/…/counter) for {@link SessionHeap}: the same record shape and
 * template, so that the heap of a browser-like session is measured on a real page.
 */
@LiveTemplate("counter.tmpl")
public record CounterPage(int count) {}
