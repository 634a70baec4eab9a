package io.github.livetemplate.processor.controller;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * A checked {@code @LiveController}: its state record, its actions with the names each one answers,
 * and the lifecycle methods it has (null when absent).
 *
 * @param controller the annotated class
 * @param state the {@code @LiveTemplate} record every action takes and returns
 * @param actions the actions in declaration order (declared before inherited)
 * @param mount {@code S mount(S, Context)}, or null
 * @param onConnect {@code S onConnect(S, Context)}, or null
 * @param onDisconnect {@code void onDisconnect(S, Context)}, or null
 * @param persisted the state's {@code @Persist} components in component order; empty when none
 * @param uploads the controller's {@code @Upload}s in declaration order; empty when none
 */
public record ControllerModel(
        TypeElement controller,
        TypeElement state,
        List<Action> actions,
        ExecutableElement mount,
        ExecutableElement onConnect,
        ExecutableElement onDisconnect,
        List<RecordComponentElement> persisted,
        List<UploadModel> uploads) {

    /**
     * One action method.
     *
     * @param names every name the client may send for it, first the preferred one
     * @param explicit whether the names come from {@code @Action}
     * @param serverOnly whether only the server may run it ({@code @Action(serverOnly = true)})
     */
    public record Action(
            ExecutableElement method, List<String> names, boolean explicit, boolean serverOnly) {
        public String methodName() {
            return method.getSimpleName().toString();
        }
    }

    /** The names of the server-only actions. */
    public Set<String> serverOnlyNames() {
        Set<String> out = new LinkedHashSet<>();
        for (Action a : actions) {
            if (a.serverOnly()) {
                out.addAll(a.names());
            }
        }
        return out;
    }

    /** Every action name the controller answers, in declaration order. */
    public Set<String> allNames() {
        Set<String> out = new LinkedHashSet<>();
        for (Action a : actions) {
            out.addAll(a.names());
        }
        return out;
    }
}
