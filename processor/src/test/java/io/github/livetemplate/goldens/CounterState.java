package io.github.livetemplate.goldens;

import io.github.livetemplate.LiveTemplate;

/** The state of the Go library's counter end-to-end scenario. */
@LiveTemplate("/goldens/counter.tmpl")
public record CounterState(
        String title, int counter, String status, String lastUpdated, String sessionID) {}
