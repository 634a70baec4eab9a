package io.github.livetemplate.runtime.generated;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import java.util.List;
import java.util.Set;

/**
 * The actions and lifecycle of one live page, as the runtime calls them. Implemented by the {@code
 * <Controller>Live} class the annotation processor generates for a {@link LiveController} (plain
 * method calls, no reflection); implement it by hand only for tests.
 *
 * <p>Every method runs on the connection's own queue: one at a time per connection, never on an I/O
 * thread, so state needs no locks.
 *
 * @param <S> the state record type
 */
public interface Actions<S> {

    /** Every action name the controller answers, in all accepted spellings. */
    Set<String> names();

    /**
     * Runs action {@code name} against {@code state}.
     *
     * @return the new state
     * @throws UnknownActionException when the controller has no such action
     * @throws Exception whatever the action throws; the runtime answers with an error and keeps the
     *     previous state
     */
    S run(String name, S state, Context ctx) throws Exception;

    /** Prepares the state for a page load, a new connection or a {@code __navigate__}. */
    default S mount(S state, Context ctx) throws Exception {
        return state;
    }

    /** Runs after {@link #mount} when a WebSocket connects. */
    default S onConnect(S state, Context ctx) throws Exception {
        return state;
    }

    /** Runs when a WebSocket closes, with the connection's last state. */
    default void onDisconnect(S state, Context ctx) {}

    /**
     * A copy of {@code state} whose {@link FieldErrors} and {@link Flash} components (if the record
     * declares any) hold {@code errors} and {@code flash}, so templates can render them.
     */
    default S withPageData(S state, FieldErrors errors, Flash flash) {
        return state;
    }

    /**
     * The {@link Persist} components of {@code state} by component name, in component order; empty
     * when the record has none (the runtime then never touches the session store).
     */
    default java.util.Map<String, Object> persistedFields(S state) {
        return java.util.Map.of();
    }

    /**
     * A copy of {@code state} whose {@link Persist} components take the values in {@code stored}
     * (components without a stored value keep theirs).
     */
    default S restorePersisted(S state, PersistedFields stored) {
        return state;
    }

    /**
     * The controller's {@code @Upload} declarations, in declaration order; empty (the default) when
     * the page accepts no uploads.
     */
    default List<UploadDeclaration> uploads() {
        return List.of();
    }

    /**
     * Called by a generated dispatcher before a server-only action ({@code @Action(serverOnly =
     * true)}): refuses it unless the server runs it (a trigger or a publish).
     *
     * @throws ServerOnlyActionException when a client sent it
     */
    static void requireServerCall(String name, Context ctx) throws ServerOnlyActionException {
        if (ctx == null || !ctx.isServerCall()) {
            throw new ServerOnlyActionException(name);
        }
    }

    /** A client sent an action that only the server may run; answered with an error. */
    final class ServerOnlyActionException extends Exception {
        private static final long serialVersionUID = 1L;

        public ServerOnlyActionException(String name) {
            super("action \"" + name + "\" is run by the server only");
        }
    }

    /** Thrown by {@link #run} for a name the controller does not have. */
    final class UnknownActionException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnknownActionException(String name) {
            super("unknown action \"" + name + "\"");
        }
    }
}
