package io.github.livetemplate.undertow.testing;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.generated.Actions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A hand-written renderer and action set for runtime tests: a counter with a small form. */
public final class TestPage {
    private TestPage() {}

    /** The state: a count, a title set by the form, the page data. */
    public record Page(int count, String title, FieldErrors errors, Flash flash) {
        public static Page initial() {
            return new Page(0, "", FieldErrors.none(), Flash.none());
        }
    }

    /** What the form binds to. */
    public record Input(String title, int qty) {}

    static final String[] STATICS = {
        "<p>Count: ",
        "</p><p class=\"title\">",
        "</p><p class=\"err\">",
        "</p><p class=\"flash\">",
        "</p><form method=\"POST\"><button name=\"increment\">+1</button></form>"
    };

    public static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    public static String join(Map<String, String> m) {
        return m.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    public static String[] slots(Page p) {
        return new String[] {
            Integer.toString(p.count()), esc(p.title()), esc(join(p.errors())), esc(join(p.flash()))
        };
    }

    /** The counter page; {@code fragment} renders no document around the wrapper. */
    public static final class Renderer implements LiveRenderer<Page> {
        private final boolean fragment;

        public Renderer(boolean fragment) {
            this.fragment = fragment;
        }

        @Override
        public String defaultWrapperId() {
            return fragment ? "lvt-fragment" : "lvt-counter";
        }

        public static String inner(Page p) {
            String[] v = slots(p);
            StringBuilder sb = new StringBuilder(STATICS[0]);
            for (int i = 0; i < v.length; i++) {
                sb.append(v[i]).append(STATICS[i + 1]);
            }
            return sb.toString();
        }

        @Override
        public void writeHtml(Page state, String wrapperId, boolean loading, Utf8Buffer out) {
            StringBuilder sb = new StringBuilder();
            if (!fragment) {
                sb.append(
                        "<!DOCTYPE html><html><HEAD><title>Counter</title></HEAD><body><header>h</header>");
            }
            sb.append("<div data-lvt-id=\"").append(wrapperId).append('"');
            if (loading) {
                sb.append(" data-lvt-loading=\"true\"");
            }
            sb.append('>').append(inner(state)).append("</div>");
            if (!fragment) {
                sb.append("</body></html>");
            }
            out.writeUtf8(sb);
        }

        @Override
        public void writeTree(Page state, Utf8Buffer out) {
            out.writeAscii("{\"s\":[");
            for (int i = 0; i < STATICS.length; i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                out.writeJsonString(STATICS[i]);
            }
            out.writeByte(']');
            String[] v = slots(state);
            for (int i = 0; i < v.length; i++) {
                out.writeAscii(",\"" + i + "\":");
                out.writeJsonString(v[i]);
            }
            out.writeByte('}');
        }

        @Override
        public boolean writeDiff(Page previous, Page next, Utf8Buffer out) {
            String[] a = slots(previous);
            String[] b = slots(next);
            out.writeByte('{');
            boolean any = false;
            for (int i = 0; i < a.length; i++) {
                if (!a[i].equals(b[i])) {
                    if (any) {
                        out.writeByte(',');
                    }
                    any = true;
                    out.writeAscii("\"" + i + "\":");
                    out.writeJsonString(b[i]);
                }
            }
            out.writeByte('}');
            return any;
        }
    }

    /** The actions; records lifecycle calls for assertions. */
    public static final class Controller implements Actions<Page> {
        public final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
        public final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        public final AtomicInteger connects = new AtomicInteger();
        public final AtomicInteger mounts = new AtomicInteger();

        /** Calls of {@link #run}: every action dispatched, whatever its outcome. */
        public final AtomicInteger runs = new AtomicInteger();

        public final BlockingQueue<String> users = new LinkedBlockingQueue<>();
        public volatile CountDownLatch block = new CountDownLatch(0);

        /** How long onDisconnect goes on after it recorded the call (a slow clean-up). */
        public volatile long disconnectLingerMillis;

        @Override
        public Set<String> names() {
            return Set.of(
                    "increment",
                    "decrement",
                    "add",
                    "noop",
                    "boom",
                    "reject",
                    "save",
                    "flash",
                    "unflash",
                    "block",
                    "nullstate");
        }

        @Override
        public Page mount(Page state, Context ctx) {
            mounts.incrementAndGet();
            users.add(ctx.userId());
            threads.add(Thread.currentThread().getName());
            if (!ctx.action().isEmpty()) {
                throw new AssertionError("action in mount: " + ctx.action());
            }
            String start = ctx.query().get("start");
            if (start != null) {
                return new Page(
                        Integer.parseInt(start), state.title(), state.errors(), state.flash());
            }
            return state;
        }

        @Override
        public Page onConnect(Page state, Context ctx) {
            connects.incrementAndGet();
            return state;
        }

        @Override
        public void onDisconnect(Page state, Context ctx) {
            disconnects.add(ctx.groupId() + ":" + state.count());
            if (disconnectLingerMillis > 0) {
                try {
                    Thread.sleep(disconnectLingerMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public Page withPageData(Page state, FieldErrors errors, Flash flash) {
            return new Page(state.count(), state.title(), errors, flash);
        }

        @Override
        public Page run(String name, Page s, Context ctx) throws Exception {
            runs.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            switch (name) {
                case "increment":
                    return new Page(s.count() + 1, s.title(), s.errors(), s.flash());
                case "decrement":
                    return new Page(s.count() - 1, s.title(), s.errors(), s.flash());
                case "add":
                    return new Page(s.count() + ctx.getInt("n"), s.title(), s.errors(), s.flash());
                case "noop":
                    return s;
                case "boom":
                    throw new RuntimeException("secret internal detail");
                case "reject":
                    throw new IllegalArgumentException("n must be positive");
                case "nullstate":
                    return null;
                case "save":
                    {
                        Input in = ctx.bind(Input.class);
                        if (in.title() == null || in.title().isBlank()) {
                            ctx.error("title", "Title is required");
                            return s;
                        }
                        return new Page(s.count() + in.qty(), in.title(), s.errors(), s.flash());
                    }
                case "flash":
                    ctx.flash("saved", ctx.getString("msg"));
                    return s;
                case "unflash":
                    ctx.clearFlash("saved");
                    return s;
                case "block":
                    if (!block.await(5, TimeUnit.SECONDS)) {
                        throw new AssertionError("block not released");
                    }
                    return s;
                default:
                    throw new UnknownActionException(name);
            }
        }
    }
}
