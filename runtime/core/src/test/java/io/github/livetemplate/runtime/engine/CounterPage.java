package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.TemplateContext;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.generated.PersistedFields;
import io.github.livetemplate.runtime.generated.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written page for engine tests: a count and a note, plus field errors and flash. Slots: 0
 * count, 1 note, 2 errors, 3 flash (maps as {@code k=v;…}, sorted).
 */
final class CounterPage {
    private CounterPage() {}

    /** A note the renderer refuses to render. */
    static final String UNRENDERABLE = "unrenderable";

    record Counter(int count, String note, FieldErrors errors, Flash flash) {
        static Counter initial() {
            return new Counter(0, "", FieldErrors.none(), Flash.none());
        }

        Counter withCount(int n) {
            return new Counter(n, note, errors, flash);
        }

        Counter withNote(String n) {
            return new Counter(count, n, errors, flash);
        }
    }

    static final List<String> STATICS = List.of("<p>", "</p><i>", "</i><b>", "</b><u>", "</u>");

    static String[] slots(Counter c) {
        if (c.note().equals(UNRENDERABLE)) {
            throw new IllegalStateException("cannot render this note");
        }
        return new String[] {
            Integer.toString(c.count()), c.note(), join(c.errors()), join(c.flash())
        };
    }

    private static String join(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(m)
                .forEach(
                        (k, v) ->
                                sb.append(sb.isEmpty() ? "" : ";").append(k).append('=').append(v));
        return sb.toString();
    }

    static final class Renderer implements LiveRenderer<Counter> {
        /** The {@code .lvt} context of every tree and diff the engine asked for, in order. */
        final List<TemplateContext> contexts = new CopyOnWriteArrayList<>();

        @Override
        public void writeTree(Counter state, TemplateContext lvt, Utf8Buffer out) {
            contexts.add(lvt);
            writeTree(state, out);
        }

        @Override
        public boolean writeDiff(
                Counter previous,
                TemplateContext previousLvt,
                Counter next,
                TemplateContext nextLvt,
                Utf8Buffer out) {
            contexts.add(nextLvt);
            return writeDiff(previous, next, out);
        }

        @Override
        public String defaultWrapperId() {
            return "lvt-counter";
        }

        @Override
        public void writeHtml(Counter state, String wrapperId, boolean loading, Utf8Buffer out) {
            String[] v = slots(state);
            out.writeUtf8("<div data-lvt-id=\"" + wrapperId + "\">");
            for (int i = 0; i < v.length; i++) {
                out.writeUtf8(STATICS.get(i) + v[i]);
            }
            out.writeUtf8(STATICS.get(v.length) + "</div>");
        }

        @Override
        public void writeTree(Counter state, Utf8Buffer out) {
            String[] v = slots(state);
            out.writeAscii("{\"s\":[");
            for (int i = 0; i < STATICS.size(); i++) {
                out.writeAscii(i > 0 ? "," : "");
                out.writeJsonString(STATICS.get(i));
            }
            out.writeByte(']');
            for (int i = 0; i < v.length; i++) {
                out.writeAscii(",\"" + i + "\":");
                out.writeJsonString(v[i]);
            }
            out.writeByte('}');
        }

        @Override
        public boolean writeDiff(Counter previous, Counter next, Utf8Buffer out) {
            String[] a = slots(previous);
            String[] b = slots(next);
            out.writeByte('{');
            boolean any = false;
            for (int i = 0; i < a.length; i++) {
                if (!a[i].equals(b[i])) {
                    out.writeAscii((any ? "," : "") + "\"" + i + "\":");
                    out.writeJsonString(b[i]);
                    any = true;
                }
            }
            out.writeByte('}');
            return any;
        }
    }

    /** The actions; records lifecycle calls, and can be told to fail or persist. */
    static final class Controller implements Actions<Counter> {
        final List<String> calls = new CopyOnWriteArrayList<>();

        /** What {@code slow}'s work waits for. */
        volatile java.util.concurrent.CountDownLatch release =
                new java.util.concurrent.CountDownLatch(0);

        /** Counted down when {@code hang}'s work started. */
        final java.util.concurrent.CountDownLatch started =
                new java.util.concurrent.CountDownLatch(1);

        /** Counted down when {@code hang}'s work is interrupted. */
        final java.util.concurrent.CountDownLatch interrupted =
                new java.util.concurrent.CountDownLatch(1);

        /** The connect kind each mount and onConnect saw. */
        final List<Context.Connect> kinds = new CopyOnWriteArrayList<>();

        /** Whether {@code count} is a persisted component. */
        volatile boolean persistCount;

        volatile boolean failMount;

        /** A topic mount subscribes to, or null. */
        volatile String mountTopic;

        @Override
        public Set<String> names() {
            return Set.of(
                    "increment",
                    "add",
                    "note",
                    "boom",
                    "reject",
                    "nullstate",
                    "invalid",
                    "badinput",
                    "flash",
                    "unflash",
                    "showquery",
                    "join",
                    "leave",
                    "announce",
                    "slow",
                    "hang");
        }

        @Override
        public Counter mount(Counter state, Context ctx) {
            calls.add("mount" + (ctx.isHttp() ? " http" : ""));
            kinds.add(ctx.connect());
            if (failMount) {
                throw new IllegalStateException("mount failed on purpose");
            }
            if (mountTopic != null) {
                ctx.subscribe(mountTopic);
            }
            String start = ctx.query().get("start");
            return start == null ? state : state.withCount(Integer.parseInt(start));
        }

        @Override
        public Counter onConnect(Counter state, Context ctx) {
            calls.add("onConnect");
            kinds.add(ctx.connect());
            return state;
        }

        @Override
        public void onDisconnect(Counter state, Context ctx) {
            calls.add("onDisconnect " + ctx.groupId() + ":" + state.count());
        }

        @Override
        public Counter withPageData(Counter s, FieldErrors errors, Flash flash) {
            return new Counter(s.count(), s.note(), errors, flash);
        }

        @Override
        public Map<String, Object> persistedFields(Counter state) {
            return persistCount ? Map.of("count", state.count()) : Map.of();
        }

        @Override
        public Counter restorePersisted(Counter state, PersistedFields stored) {
            Integer count = stored.get("count", new TypeRef<Integer>() {});
            return count == null ? state : state.withCount(count);
        }

        @Override
        public Counter run(String name, Counter s, Context ctx) throws Exception {
            calls.add(name);
            switch (name) {
                case "increment":
                    return s.withCount(s.count() + 1);
                case "add":
                    return s.withCount(s.count() + ctx.getInt("n"));
                case "note":
                    return s.withNote(ctx.getString("text"));
                case "boom":
                    throw new RuntimeException("secret internal detail");
                case "reject":
                    throw new IllegalArgumentException("n must be positive");
                case "nullstate":
                    return null;
                case "invalid":
                    ctx.error("note", "required");
                    return s.withCount(s.count() + 100);
                case "badinput":
                    ctx.bind(Input.class);
                    return s;
                case "flash":
                    ctx.flash("saved", ctx.getString("msg"));
                    return s;
                case "unflash":
                    ctx.clearFlash("saved");
                    return s;
                case "showquery":
                    return s.withNote(new TreeMap<>(ctx.query()).toString());
                case "join":
                    ctx.subscribe(ctx.getString("topic"));
                    return s;
                case "leave":
                    ctx.unsubscribe(ctx.getString("topic"));
                    return s;
                case "slow":
                    java.util.concurrent.CountDownLatch gate = release;
                    ctx.<Counter, Integer>async(
                            () -> {
                                gate.await();
                                return 5;
                            },
                            (st, r, err, c) -> st.withCount(st.count() + r).withNote("done"));
                    return s.withNote("working");
                case "hang":
                    ctx.<Counter, Integer>async(
                            () -> {
                                started.countDown();
                                try {
                                    new java.util.concurrent.CountDownLatch(1).await();
                                } catch (InterruptedException e) {
                                    interrupted.countDown();
                                    throw e;
                                }
                                return 0;
                            },
                            (st, r, err, c) -> st.withNote("applied"));
                    return s.withNote("hanging");
                case "announce":
                    ctx.publish(ctx.getString("topic"), "increment", Map.of());
                    return s.withNote("announced");
                default:
                    throw new UnknownActionException(name);
            }
        }
    }

    /** What {@code badinput} binds: a number the client may send as text. */
    record Input(int qty) {}

    /** Lifecycle calls other than actions, in order. */
    static List<String> lifecycle(Controller c) {
        List<String> out = new ArrayList<>();
        for (String call : c.calls) {
            if (call.startsWith("mount")
                    || call.equals("onConnect")
                    || call.startsWith("onDisconnect")) {
                out.add(call);
            }
        }
        return out;
    }
}
