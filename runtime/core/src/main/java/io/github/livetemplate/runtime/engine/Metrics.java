package io.github.livetemplate.runtime.engine;

/**
 * Internal: what the engine reports while it runs, for a metrics registry (docs/runtime.md,
 * "Metrics"). The default, {@link #NONE}, does nothing and the engine skips even its clock reads,
 * so an application without metrics pays nothing; the Undertow module's Micrometer binding is the
 * one implementation. Counts the engine already keeps (drops, refusals, connections) are read by
 * the binding, not reported here. Implementations must be thread-safe and must not throw.
 */
public interface Metrics {

    /** Reports nothing. */
    Metrics NONE = new Metrics() {};

    /** The {@code outcome} of an action that ran without errors. */
    String SUCCESS = "success";

    /** The {@code outcome} of an action that ran and answered with field or general errors. */
    String ERROR = "error";

    /** The {@code outcome} of an action that did not run to completion (it threw, was unknown). */
    String FAILED = "failed";

    /** The {@code outcome} of an action whose answer could not be rendered. */
    String RENDER_ERROR = "render_error";

    /** The action name reported for a name that is not one of the page's actions. */
    String UNKNOWN = "unknown";

    /**
     * One action ran to its answer: a client message (WebSocket or HTTP), a form post, a pushed
     * action or an async result.
     *
     * @param action one of the page's action names, a reserved name ({@code __navigate__}, {@code
     *     async}) or {@link #UNKNOWN}: never free client input
     * @param outcome {@link #SUCCESS}, {@link #ERROR}, {@link #FAILED} or {@link #RENDER_ERROR}
     */
    default void action(String action, String outcome, long nanos) {}

    /** A full tree or page was rendered in {@code nanos}. */
    default void render(long nanos) {}

    /** A diff was rendered in {@code nanos}. */
    default void diff(long nanos) {}

    /**
     * An update of {@code bytes} answered an action (a diff, or a full tree over HTTP), as
     * rendered: before the HTTP transport stamps CSRF tokens into its forms.
     */
    default void update(int bytes) {}
}
