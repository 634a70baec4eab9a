package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;

/** Corpus 2: nested record field chains and methods with and without arguments. */
@LiveTemplate("c02_chains.tmpl")
public record C02Chains(String title, Outer outer, int factor) {

    /** First level. */
    public record Outer(String label, Middle middle) {}

    /** Second level. */
    public record Middle(int depth, Leaf leaf) {}

    /** Third level, with methods of its own. */
    public record Leaf(String c, boolean on, Level level) {
        public String describe() {
            return c + (on ? " [on]" : " [off]") + " " + level;
        }

        public String tag(String name) {
            return "<" + name + ">" + c;
        }
    }

    public String format(String prefix) {
        return prefix + ":" + title;
    }

    public String greet() {
        return "Hello, " + title + "!";
    }

    public int scaled(int by) {
        return factor * by;
    }

    public String join(String sep, int n) {
        return outer.label() + sep + n;
    }

    public boolean deep() {
        return outer.middle().depth() > 2;
    }
}
