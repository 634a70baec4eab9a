/**
 * Live pages on Undertow: {@link io.github.livetemplate.undertow.LiveHandler} serves the page, JSON
 * actions, the WebSocket on the page URL and the pinned browser client.
 *
 * <p>Undertow and XNIO ship without module names; they are required by their file-derived automatic
 * names.
 */
@SuppressWarnings("requires-automatic")
module io.github.livetemplate.undertow {
    requires transitive io.github.livetemplate.runtime;
    requires transitive undertow.core;
    requires xnio.api;
    requires org.slf4j;
    // Optional: read only when the application passes a MeterRegistry (Builder.metrics).
    requires static micrometer.core;

    exports io.github.livetemplate.undertow;
}
