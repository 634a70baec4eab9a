package io.github.livetemplate.dev;

import io.github.livetemplate.dev.internal.GeneratedClassLoader;
import io.github.livetemplate.dev.internal.Inputs;
import io.github.livetemplate.dev.internal.Recompiler;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.undertow.LiveHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode's live reload (docs/dev-mode.md): watches the templates of running pages under a source
 * root and, when one changes, regenerates the page's renderer in-process with the real processor,
 * loads it in a fresh class loader and swaps it into the page ({@link LiveHandler#reload}); every
 * open page is re-rendered from its current state. A template that does not compile keeps the old
 * renderer and shows the compiler's message on every open page until it is fixed.
 *
 * <pre>{@code
 * LiveHandler<Counter> counter = LiveHandler.builder(new CounterRenderer(), new CounterLive(), new Counter(0))
 *     .devMode(true)
 *     .build();
 * LiveReload reload = LiveReload.start();                     // watches src/main/resources
 * reload.watch(counter, Counter.class);
 * }</pre>
 *
 * <p>Only templates: a change to Java code (the record, the controller) needs a restart, after
 * which open pages reconnect within about a second. Polls the watched files every 200 ms on one
 * daemon thread; {@link #close} stops it.
 */
public final class LiveReload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate.dev");

    /** The system property naming the source root; default {@code src/main/resources}. */
    public static final String SOURCE_ROOT_PROPERTY = "livetemplate.dev.sourceRoot";

    /** How often the watched templates are looked at. */
    static final long POLL_MILLIS = 200;

    /** One watched record: its renderer class, the pages showing it and its templates' stamps. */
    private static final class Watched {
        final Class<?> record;
        final String rendererClass;
        final List<LiveHandler<?>> pages = new CopyOnWriteArrayList<>();

        /** Resource path → the SHA-256 the current renderer was made from (or last seen). */
        Map<String, String> templates;

        /** The last renderer reloaded and the current problem, for pages watched later. */
        volatile LiveRenderer<?> current;

        volatile String problem;

        /** Resource path → the file's last modified time and size when last hashed. */
        final Map<String, String> seen = new LinkedHashMap<>();

        Watched(Class<?> record, String rendererClass, Map<String, String> templates) {
            this.record = record;
            this.rendererClass = rendererClass;
            this.templates = templates;
        }
    }

    private final Path sourceRoot;
    private final Path work;
    private final Recompiler recompiler;
    private final Map<Class<?>, Watched> watched = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private LiveReload(Path sourceRoot) {
        this.sourceRoot = sourceRoot.toAbsolutePath().normalize();
        try {
            this.work = Files.createTempDirectory("livetemplate-dev-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.recompiler = new Recompiler(this.sourceRoot, work);
        this.thread = new Thread(this::run, "livetemplate-dev-reload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether dev mode was asked for: the system property {@code livetemplate.dev}. */
    public static boolean enabled() {
        return Boolean.getBoolean(LiveHandler.Builder.DEV_PROPERTY);
    }

    /**
     * Starts watching below the system property {@value #SOURCE_ROOT_PROPERTY}, else {@code
     * src/main/resources} of the working directory.
     */
    public static LiveReload start() {
        return start(Path.of(System.getProperty(SOURCE_ROOT_PROPERTY, "src/main/resources")));
    }

    /** Starts watching templates below {@code sourceRoot}. */
    public static LiveReload start(Path sourceRoot) {
        return new LiveReload(Objects.requireNonNull(sourceRoot, "sourceRoot"));
    }

    /** The directory templates are read from. */
    public Path sourceRoot() {
        return sourceRoot;
    }

    /**
     * Reloads {@code page} when a template of {@code record} changes (its renderer is the
     * processor's {@code <Record>Renderer}). The templates are those the processor recorded for the
     * record ({@code META-INF/livetemplate/inputs}); a template that already differs from what the
     * running renderer was made from (an IDE build that did not run the Maven refresh goal) is
     * reloaded at once.
     *
     * @throws IllegalStateException when {@code page} is not in dev mode or the record has no
     *     recorded inputs
     */
    public synchronized <S> LiveReload watch(LiveHandler<S> page, Class<S> record) {
        if (!page.devMode()) {
            throw new IllegalStateException(
                    "the page handler is not in dev mode: build it with devMode(true)");
        }
        Watched w = watched.get(record);
        if (w == null) {
            Map<String, String> templates = Inputs.ofRecord(record);
            if (templates.isEmpty()) {
                throw new IllegalStateException(
                        "no templates recorded for "
                                + record.getName()
                                + " (META-INF/livetemplate/inputs); build it with the processor");
            }
            w = new Watched(record, rendererName(record), templates);
            watched.put(record, w);
        }
        synchronized (w) {
            w.pages.add(page);
            if (w.current != null || w.problem != null) {
                // A page built after a reload starts with what the others show.
                @SuppressWarnings("unchecked")
                LiveRenderer<S> current = (LiveRenderer<S>) w.current;
                page.reload(current, w.problem);
            }
        }
        return this;
    }

    /** The processor's name for a record's renderer: {@code <Record>Renderer} in its package. */
    static String rendererName(Class<?> record) {
        String pkg = record.getPackageName();
        return (pkg.isEmpty() ? "" : pkg + ".") + record.getSimpleName() + "Renderer";
    }

    /** Stops watching and deletes the generated classes. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recompiler.closeFiles();
        Recompiler.delete(work);
    }

    private void run() {
        boolean warm = false;
        while (!closed) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            List<Watched> now;
            synchronized (this) {
                now = new ArrayList<>(watched.values());
            }
            if (!warm && !now.isEmpty()) {
                // javac's first run in a JVM is several times slower than the next ones: pay it
                // before the first edit rather than on it.
                warm = true;
                Recompiler.Result r = recompiler.compile(now.get(0).record);
                Recompiler.delete(r.classes());
            }
            for (Watched w : now) {
                try {
                    if (changed(w)) {
                        reload(w);
                    }
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("live reload of " + w.record.getName() + " failed", e);
                }
            }
        }
    }

    /**
     * Whether a template's text differs from the stamp; hashes only files whose time or size moved.
     */
    private boolean changed(Watched w) {
        boolean changed = false;
        for (Map.Entry<String, String> t : w.templates.entrySet()) {
            Path file = Inputs.file(sourceRoot, t.getKey());
            if (file == null || !Files.isRegularFile(file)) {
                continue;
            }
            String mark;
            try {
                mark = Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
            } catch (IOException e) {
                continue;
            }
            if (mark.equals(w.seen.get(t.getKey()))) {
                continue;
            }
            w.seen.put(t.getKey(), mark);
            String hash = Inputs.sha256(file);
            if (hash != null && !hash.equals(t.getValue())) {
                t.setValue(hash);
                changed = true;
            }
        }
        return changed;
    }

    /** Recompiles and applies; pages watched meanwhile wait, so that none misses the result. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void reload(Watched w) {
        synchronized (w) {
            apply(w);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void apply(Watched w) {
        long start = System.nanoTime();
        Recompiler.Result r = recompiler.compile(w.record);
        if (!r.ok()) {
            LOG.warn("template of " + w.record.getName() + " does not compile:\n" + r.errors());
            w.problem = r.errors();
            for (LiveHandler<?> page : w.pages) {
                page.reload(null, r.errors());
            }
            return;
        }
        LiveRenderer<?> renderer;
        try {
            ClassLoader loader = new GeneratedClassLoader(r.classes(), w.record.getClassLoader());
            renderer =
                    (LiveRenderer<?>)
                            Class.forName(w.rendererClass, true, loader)
                                    .getDeclaredConstructor()
                                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            String text = "the regenerated renderer " + w.rendererClass + " cannot be loaded: " + e;
            LOG.warn(text, e);
            w.problem = text;
            for (LiveHandler<?> page : w.pages) {
                page.reload(null, text);
            }
            return;
        }
        Map<String, String> templates = Inputs.ofDirectory(r.classes(), w.record);
        if (!templates.isEmpty()) {
            for (Map.Entry<String, String> t : templates.entrySet()) {
                String known = w.templates.get(t.getKey());
                if (known != null) {
                    t.setValue(known);
                }
            }
            w.templates = templates;
        }
        w.current = renderer;
        w.problem = null;
        int pages = 0;
        for (LiveHandler page : w.pages) {
            pages += page.reload(renderer, null);
        }
        LOG.info(
                "reloaded "
                        + w.record.getSimpleName()
                        + "'s template in "
                        + (System.nanoTime() - start) / 1_000_000
                        + " ms; re-rendered "
                        + pages
                        + " open page(s)");
    }
}
