package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.runtime.FrameListener;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.session.SessionStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: what every session of one live page shares — the renderer, the actions, the initial
 * state, the session store, the push hub and the frame listener — and the factory of its {@link
 * PageSession}s. Holds no per-session state and is thread-safe.
 *
 * @param <S> the state record type
 */
public final class PageEngine<S> {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** Replaced only in dev mode ({@link #reload}). */
    private volatile LiveRenderer<S> renderer;

    /** Dev mode (docs/dev-mode.md); off by default. */
    private volatile boolean dev;

    /** Dev mode: why the template does not compile now, or null. */
    private volatile String devProblem;

    /** Dev mode: the states carried across a restart (docs/dev-mode.md), or null. */
    private volatile DevStates devStates;

    private final S initialState;
    private final Lifecycle<S> lifecycle;

    /** The warnings a flood of clients can trigger (failures of application code), rate-limited. */
    private final LogLimiter warnings = new LogLimiter(LOG);

    private final PushHub<S> hub;
    private final FrameListener frames;
    private final CsrfTokens csrf;
    private final Set<String> actionNames;
    private final JsonLimits jsonLimits;
    private final ObjectMapper inboundMapper;
    private final UploadRules uploadRules;

    /** Where timings and sizes go; {@link Metrics#NONE} unless a registry was configured. */
    private volatile Metrics metrics = Metrics.NONE;

    /** Where a native form post's flash waits for the page load after its redirect. */
    private final FlashCarrier flashCarrier;

    /** The size of the last page rendered: a good first guess for the next answer's buffer. */
    private volatile int sizeHint = 8192;

    /**
     * @param frames observes every message, or null
     * @param store keeps the persisted components per session group
     * @param hub delivers server push to this page's connections
     */
    public PageEngine(
            LiveRenderer<S> renderer,
            Actions<S> actions,
            S initialState,
            FrameListener frames,
            SessionStore store,
            PushHub<S> hub) {
        this(
                renderer,
                actions,
                initialState,
                frames,
                store,
                hub,
                CsrfTokens.perJvm(),
                JsonLimits.DEFAULT);
    }

    /**
     * @param frames observes every message, or null
     * @param store keeps the persisted components per session group
     * @param hub delivers server push to this page's connections
     * @param csrf the tokens that stamp the CSRF field of every POST form
     * @param jsonLimits what a client message may contain
     */
    public PageEngine(
            LiveRenderer<S> renderer,
            Actions<S> actions,
            S initialState,
            FrameListener frames,
            SessionStore store,
            PushHub<S> hub,
            CsrfTokens csrf,
            JsonLimits jsonLimits) {
        this.csrf = Objects.requireNonNull(csrf, "csrf");
        this.jsonLimits = Objects.requireNonNull(jsonLimits, "jsonLimits");
        this.inboundMapper =
                jsonLimits.equals(JsonLimits.DEFAULT)
                        ? Inbound.Jackson.BOUNDED
                        : jsonLimits.mapper();
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.initialState = Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(actions, "actions");
        Set<String> names = actions.names();
        this.actionNames = names == null ? Set.of() : Set.copyOf(names);
        this.lifecycle =
                new Lifecycle<>(
                        actions,
                        warnings,
                        new PersistedState<>(
                                actions, Objects.requireNonNull(store, "store"), initialState));
        this.flashCarrier = new FlashCarrier(store);
        this.hub = Objects.requireNonNull(hub, "hub");
        this.frames = frames;
        this.uploadRules = new UploadRules(actions.uploads());
    }

    FlashCarrier flashCarrier() {
        return flashCarrier;
    }

    /**
     * Where uploads are staged and how many bytes one connection may upload in all
     * (docs/runtime.md, Uploads). Without it: a fresh owner-only temporary directory and 1 GB.
     *
     * @param directory the staging directory (created if missing, leftovers of an earlier run
     *     deleted), or null for a fresh temporary one
     */
    public void configureUploads(Path directory, long maxBytesPerConnection) {
        uploadRules.configure(directory, maxBytesPerConnection);
    }

    /**
     * The signer of the page's direct-mode uploads and how long an upload entry may receive nothing
     * before it is refused (docs/runtime.md, Uploads).
     *
     * @param presigner the signer, or {@code null} when no upload is direct
     * @param idleTimeout the timeout of abandoned entries (default 60 s)
     */
    public void configureUploads(
            io.github.livetemplate.runtime.Presigner presigner, java.time.Duration idleTimeout) {
        uploadRules.presigner(presigner);
        uploadRules.idleTimeout(idleTimeout);
    }

    /**
     * The largest multipart body the page reads: {@code formBytes} for the fields plus, per
     * declared upload, {@code maxEntries × maxFileSize} and room for the parts' headers.
     */
    public long maxMultipartBytes(long formBytes) {
        long n = formBytes;
        for (io.github.livetemplate.runtime.generated.UploadDeclaration d : uploadRules.all()) {
            long files = d.maxEntries() * (d.maxFileSize() + 16 * 1024);
            n = n > Long.MAX_VALUE - files ? Long.MAX_VALUE : n + files;
        }
        return n;
    }

    /**
     * The open WebSocket of session group {@code group} on {@code path} that announced proxied file
     * {@code clientName} of {@code upload}, or {@code null}: its post runs there (docs/runtime.md
     * §24).
     */
    public LiveConnection<S> proxiedAnnouncer(
            String group, String path, String upload, String clientName) {
        for (LiveConnection<S> c : hub().groupConnections(group)) {
            if (c.path().equals(path) && c.announcedProxied(upload, clientName)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Counts an upload ended because its body stopped arriving (a stalled multipart post), with the
     * timed-out entries; logged once like every refusal.
     */
    public void uploadTimedOut(String why) {
        uploadRules.timedOut(why);
    }

    /**
     * How many upload entries were refused for receiving nothing within the idle timeout, and
     * multipart posts whose body stalled.
     */
    public long timedOutUploads() {
        return uploadRules.timedOutCount();
    }

    /**
     * The largest WebSocket message the page must accept: {@code configured}, raised to hold an
     * upload chunk of the client when the page declares uploads.
     */
    public int maxMessageBytes(int configured) {
        return uploadRules.declared()
                ? Math.max(configured, UploadRules.CHUNK_FRAME_BYTES)
                : configured;
    }

    /**
     * The largest WebSocket message a page of {@code actions} must accept, before its engine is
     * built: {@code configured}, raised to hold an upload chunk of the client when the page
     * declares uploads.
     */
    public static int maxMessageBytes(Actions<?> actions, int configured) {
        return actions.uploads().isEmpty()
                ? configured
                : Math.max(configured, UploadRules.CHUNK_FRAME_BYTES);
    }

    /**
     * Reports this page's actions, render and diff times and update sizes to {@code metrics}
     * (docs/runtime.md, "Metrics"). Call before the page serves requests.
     */
    public void configureMetrics(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Where this page reports what it measures. */
    Metrics metrics() {
        return metrics;
    }

    /**
     * The name {@code action} is reported under: itself when it is one of the page's actions or a
     * reserved one, else {@link Metrics#UNKNOWN}, so that clients cannot grow the tag values.
     */
    String metricAction(String action) {
        if (actionNames.contains(action)
                || action.equals(Inbound.NAVIGATE)
                || action.equals(Inbound.PING)) {
            return action;
        }
        return Metrics.UNKNOWN;
    }

    /** Session store calls that failed (threw, or were handled and counted by the store). */
    public long storeErrors() {
        return lifecycle.storeErrors();
    }

    /** This page's rate-limited warnings (docs/runtime.md §25). */
    public LogLimiter warnings() {
        return warnings;
    }

    /** Whether the page declares any {@code @Upload}. */
    public boolean declaresUploads() {
        return uploadRules.declared();
    }

    /** How many upload messages and files were refused (limits, types, offsets). */
    public long refusedUploads() {
        return uploadRules.refusedCount();
    }

    UploadRules uploadRules() {
        return uploadRules;
    }

    /** The bounded pool running {@code ctx.async} work: 4 threads, 256 waiting jobs. */
    private volatile ExecutorService asyncPool;

    /** The pool of {@code ctx.async} work, started on first use. */
    ExecutorService asyncPool() {
        ExecutorService p = asyncPool;
        if (p == null) {
            synchronized (this) {
                p = asyncPool;
                if (p == null) {
                    AtomicInteger n = new AtomicInteger();
                    ThreadPoolExecutor t =
                            new ThreadPoolExecutor(
                                    4,
                                    4,
                                    30,
                                    TimeUnit.SECONDS,
                                    new ArrayBlockingQueue<>(256),
                                    r -> {
                                        Thread th =
                                                new Thread(r, "lvt-async-" + n.incrementAndGet());
                                        th.setDaemon(true);
                                        return th;
                                    });
                    t.allowCoreThreadTimeOut(true);
                    asyncPool = p = t;
                }
            }
        }
        return p;
    }

    /**
     * Turns dev mode on (docs/dev-mode.md): actions that throw answer with the exception, and
     * problems reach the page's dev script.
     */
    public void devMode(boolean on) {
        dev = on;
        lifecycle.dev(on);
        DevStates shared = on && devStates == null ? DevStates.shared() : null;
        if (shared != null) {
            devStates(shared);
        }
    }

    /** Dev mode: where open pages' states go at shutdown and come back from, or null. */
    public DevStates devStates() {
        return dev ? devStates : null;
    }

    void devStates(DevStates states) {
        devStates = states;
        states.watch(this);
    }

    /** Dev mode: the state the previous run saved for a reconnect, or null. */
    @SuppressWarnings("unchecked")
    S restoredState(String group, String path) {
        DevStates d = devStates();
        return d == null ? null : d.take(group, path, (Class<S>) initialState.getClass());
    }

    /** Whether dev mode is on. */
    public boolean devMode() {
        return dev;
    }

    /** Dev mode: why the page's template does not compile now, or null. */
    public String devProblem() {
        return devProblem;
    }

    /**
     * Dev mode: renders with {@code next} from now on (when not null), notes {@code problem} (null
     * when the template compiles), and sends every open connection of the page the full tree of its
     * current state and the problem. An update a connection renders between the swap and its full
     * tree may be wrong on the client; the full tree that follows replaces it (docs/protocol.md
     * §6.3).
     *
     * @return how many connections it was queued on
     */
    public int reload(LiveRenderer<S> next, String problem) {
        if (!dev) {
            throw new IllegalStateException("reload is for dev mode only");
        }
        if (next != null) {
            renderer = next;
        }
        devProblem = problem;
        int n = 0;
        for (LiveConnection<S> c : hub.localConnections()) {
            if (c.offerRefresh()) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code name} is one of the page's actions (in any accepted spelling). */
    public boolean hasAction(String name) {
        return actionNames.contains(name);
    }

    /** The CSRF tokens of this page's forms. */
    public CsrfTokens csrf() {
        return csrf;
    }

    /** The server push of this page. */
    public PushHub<S> hub() {
        return hub;
    }

    /** The renderer's wrapper id, the base of every page's {@code data-lvt-id}. */
    public String defaultWrapperId() {
        return renderer.defaultWrapperId();
    }

    /** Whether a {@link FrameListener} is registered (so callers may skip building its text). */
    public boolean observed() {
        return frames != null;
    }

    /** Hands one message to the {@link FrameListener}, if any; never throws. */
    public void observe(
            FrameListener.Transport transport,
            FrameListener.Direction direction,
            String path,
            String text) {
        if (frames == null) {
            return;
        }
        try {
            frames.onFrame(new FrameListener.Frame(transport, direction, path, text));
        } catch (RuntimeException e) {
            LOG.warn("the frame listener threw", e);
        }
    }

    /** A new HTTP session of {@code group} on {@code path}, not yet mounted. */
    PageSession<S> httpSession(String group, String path) {
        return new PageSession<>(
                this, null, new Visitor(group, ""), path, Map.of(), new PersistMark());
    }

    /**
     * The session of WebSocket {@code connection}; it remembers what it loads from and saves to the
     * session store only when its group outlives it (a session cookie).
     */
    PageSession<S> webSocketSession(LiveConnection<S> connection, Upgrade upgrade) {
        return new PageSession<>(
                        this,
                        connection,
                        upgrade.visitor(),
                        upgrade.path(),
                        upgrade.query(),
                        upgrade.persistentGroup() ? new PersistMark() : null)
                .forRequest(upgrade.visitor(), upgrade.query(), upgrade.cookies());
    }

    ObjectMapper inboundMapper() {
        return inboundMapper;
    }

    JsonLimits jsonLimits() {
        return jsonLimits;
    }

    LiveRenderer<S> renderer() {
        return renderer;
    }

    S initialState() {
        return initialState;
    }

    Lifecycle<S> lifecycle() {
        return lifecycle;
    }

    int sizeHint() {
        return sizeHint;
    }

    void sizeSeen(int bytes) {
        sizeHint = bytes;
    }
}
