package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.Var;
import java.util.HashMap;
import java.util.Map;

/** Names visible at a point of a template: dot, {@code $} and declared variables. */
final class Scope {
    final Scope parent;
    final Var dot;

    /** The node whose generated methods declare this scope's variables. */
    final Node node;

    private final Map<String, Var> vars = new HashMap<>();

    Scope(Scope parent, Var dot, Node node) {
        this.parent = parent;
        this.dot = dot;
        this.node = node;
    }

    void declare(String name, Var var) {
        vars.put(name, var);
    }

    Var find(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Var v = s.vars.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The scope that declared {@code name}. */
    Scope owner(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.vars.containsKey(name)) {
                return s;
            }
        }
        return null;
    }
}
