package io.github.livetemplate.undertow.testing;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.generated.Actions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written sign-up page for the native form tests, rendered as the processor would render its
 * template (shared with the Redis module's tests): the POST form carries the hidden {@code
 * lvt-csrf} field with the placeholder the runtime stamps. Slots: 0 the last action and its data, 1
 * errors, 2 flash, 3 the saved e-mail.
 */
public final class FormPage {
    private FormPage() {}

    /** The page's state. */
    public record State(String last, String email, FieldErrors errors, Flash flash) {
        /** Nothing typed, no messages. */
        public static State initial() {
            return new State("", "", FieldErrors.none(), Flash.none());
        }
    }

    static final String[] STATICS = {
        "<p class=\"last\">",
        "</p><p class=\"err\">",
        "</p><p class=\"flash\">",
        "</p><p class=\"email\">",
        "</p><form method=\"post\"><input type=\"hidden\" name=\"lvt-csrf\""
                + " value=\"~lvt-csrf-token~\"><input name=\"email\" value=\"\">"
                + "<input type=\"password\" name=\"pw\"><textarea name=\"bio\"></textarea>"
                + "<input type=\"checkbox\" name=\"news\"><button name=\"save\">Save</button>"
                + "</form>"
    };

    static String[] slots(State s) {
        return new String[] {
            TestPage.esc(s.last()),
            TestPage.esc(TestPage.join(new TreeMap<>(s.errors()))),
            TestPage.esc(TestPage.join(new TreeMap<>(s.flash()))),
            TestPage.esc(s.email())
        };
    }

    /** Renders the page as a generated renderer would. */
    public static final class Renderer implements LiveRenderer<State> {
        @Override
        public String defaultWrapperId() {
            return "lvt-form";
        }

        @Override
        public void writeHtml(State s, String wrapperId, boolean loading, Utf8Buffer out) {
            StringBuilder sb =
                    new StringBuilder("<!DOCTYPE html><html><head></head><body><div data-lvt-id=\"")
                            .append(wrapperId)
                            .append("\">")
                            .append(STATICS[0]);
            String[] v = slots(s);
            for (int i = 0; i < v.length; i++) {
                sb.append(v[i]).append(STATICS[i + 1]);
            }
            out.writeUtf8(sb.append("</div></body></html>"));
        }

        @Override
        public void writeTree(State s, Utf8Buffer out) {
            out.writeAscii("{\"s\":[");
            for (int i = 0; i < STATICS.length; i++) {
                out.writeAscii(i > 0 ? "," : "");
                out.writeJsonString(STATICS[i]);
            }
            out.writeByte(']');
            String[] v = slots(s);
            for (int i = 0; i < v.length; i++) {
                out.writeAscii(",\"" + i + "\":");
                out.writeJsonString(v[i]);
            }
            out.writeByte('}');
        }

        @Override
        public boolean writeDiff(State a, State b, Utf8Buffer out) {
            String[] x = slots(a);
            String[] y = slots(b);
            out.writeByte('{');
            boolean any = false;
            for (int i = 0; i < x.length; i++) {
                if (!x[i].equals(y[i])) {
                    out.writeAscii((any ? "," : "") + "\"" + i + "\":");
                    out.writeJsonString(y[i]);
                    any = true;
                }
            }
            out.writeByte('}');
            return any;
        }
    }

    /** {@code save} checks the e-mail; every action records its name and data. */
    public static final class Controller implements Actions<State> {
        /** Every action run, with its data. */
        public final List<String> runs = new CopyOnWriteArrayList<>();

        @Override
        public Set<String> names() {
            return Set.of(
                    "save",
                    "submit",
                    "add",
                    "delete",
                    "other",
                    "go",
                    "remember",
                    "whoami",
                    "change");
        }

        @Override
        public State mount(State s, Context ctx) {
            String bounce = ctx.query().get("bounce");
            if (bounce != null) {
                ctx.redirect(bounce);
            }
            return s;
        }

        @Override
        public State withPageData(State s, FieldErrors errors, Flash flash) {
            return new State(s.last(), s.email(), errors, flash);
        }

        @Override
        public State run(String name, State s, Context ctx) throws Exception {
            String last = name + " " + new TreeMap<>(ctx.data());
            runs.add(last);
            if (name.equals("save")) {
                String email = ctx.getString("email");
                if (!email.contains("@")) {
                    ctx.error("email", "not an e-mail address");
                    return new State(last, s.email(), s.errors(), s.flash());
                }
                ctx.flash("saved", "Welcome " + email);
                return new State(last, email, s.errors(), s.flash());
            }
            if (name.equals("go")) {
                ctx.redirect(ctx.getString("to"));
            } else if (name.equals("remember")) {
                ctx.setCookie("theme", ctx.getString("theme"));
            } else if (name.equals("whoami")) {
                last = "theme " + ctx.cookie("theme");
                runs.add(last);
            }
            if (!names().contains(name)) {
                throw new UnknownActionException(name);
            }
            return new State(last, s.email(), s.errors(), s.flash());
        }

        @Override
        public Map<String, Object> persistedFields(State state) {
            return Map.of();
        }
    }
}
