/**
 * The annotations of LiveTemplate: {@link io.github.livetemplate.LiveTemplate} on a state record,
 * {@link io.github.livetemplate.LiveController} on its controller, and their companions. Needed at
 * compile time by the processor; nothing here runs.
 */
module io.github.livetemplate {
    exports io.github.livetemplate;
}
