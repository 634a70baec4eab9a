/**
 * LiveTemplate dev mode (docs/dev-mode.md): {@link io.github.livetemplate.dev.LiveReload} watches
 * the templates of running pages and, when one changes, recompiles it in-process with the real
 * processor into a fresh class loader and swaps the page's renderer; every open page is re-rendered
 * with its state kept. For development runs only.
 */
@SuppressWarnings("requires-automatic")
module io.github.livetemplate.dev {
    requires transitive io.github.livetemplate.undertow;
    requires java.compiler;
    requires io.github.livetemplate.processor;
    requires org.slf4j;
    requires static io.github.livetemplate;

    exports io.github.livetemplate.dev;
}
