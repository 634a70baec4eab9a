/**
 * The LiveTemplate test kit: drives a live page's controller and renderer in a unit test, without a
 * server or a browser. {@link io.github.livetemplate.test.LiveTest} runs the real page engine over
 * an in-memory connection; {@link io.github.livetemplate.test.LiveView} sends actions as the
 * browser client would and asserts on the rendered HTML through jsoup's CSS selectors; {@link
 * io.github.livetemplate.test.TestContext} calls one action method directly.
 */
module io.github.livetemplate.test {
    requires transitive io.github.livetemplate.runtime;
    requires transitive org.jsoup;
    requires com.fasterxml.jackson.databind;
    // Read by the kit's own test page only; applications bring the annotations themselves.
    requires static io.github.livetemplate;

    exports io.github.livetemplate.test;
}
