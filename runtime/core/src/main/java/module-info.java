/**
 * The LiveTemplate runtime: what generated renderers and controllers call, and the
 * transport-independent live engine.
 *
 * <p>API: {@code io.github.livetemplate.runtime} (Context, Flash, renderers, buffers), {@code
 * .runtime.pubsub} (Broadcaster) and {@code .runtime.session} (SessionStore). {@code
 * .runtime.generated} is the contract with generated code; applications do not call it. The engine
 * package is open only to the transports and the test kit. Applications whose {@code Context.bind}
 * targets live in a named module must open that package to {@code com.fasterxml.jackson.databind}.
 */
module io.github.livetemplate.runtime {
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // Optional: only Context.bindAndValidate uses it (in one class nothing else loads).
    requires static jakarta.validation;

    exports io.github.livetemplate.runtime;
    exports io.github.livetemplate.runtime.generated;
    exports io.github.livetemplate.runtime.pubsub;
    exports io.github.livetemplate.runtime.session;
    exports io.github.livetemplate.runtime.engine to
            io.github.livetemplate.undertow,
            io.github.livetemplate.test;
}
