package io.github.livetemplate.runtime.engine;

/**
 * Internal: what one connection (or one HTTP state) last loaded from or saved to the session store,
 * so that an action that changed no persisted component writes nothing. Touched only on the owner's
 * queue.
 */
final class PersistMark {
    byte[] last;
}
