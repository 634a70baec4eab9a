package io.github.livetemplate.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.engine.LiveConnection;
import io.github.livetemplate.runtime.engine.MemorySocket;
import io.github.livetemplate.runtime.engine.SerialQueue;
import io.github.livetemplate.runtime.engine.Upgrade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * One live tab of a {@link LiveTest} page: a connection of the real engine over an in-memory
 * socket. Send actions as the browser client would ({@link #click}, {@link #submit}, {@link
 * #change}, {@link #navigate}); each returns the {@link Update} that answers it. Read the page with
 * CSS selectors ({@link #text}, {@link #find}, {@link #html()}) and the state the engine kept
 * ({@link #state()}, {@link #flash()}). Updates pushed to the tab by other tabs, triggers and
 * publishes collect in {@link #pushed()}.
 *
 * <p>Not thread-safe; use it from the test's thread.
 *
 * @param <S> the state record type
 */
public final class LiveView<S> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveTest<S> page;
    private final Upgrade upgrade;
    private final MemorySocket socket = new MemorySocket(LiveTest.INLINE);
    private final LiveConnection<S> connection;
    private final List<Update> connected;
    private final List<Update> pushed = new ArrayList<>();
    private Update last;

    private LiveView(LiveTest<S> page, Upgrade upgrade) {
        this.page = page;
        this.upgrade = upgrade;
        this.connection =
                new LiveConnection<>(
                        socket,
                        new SerialQueue(LiveTest.INLINE, 64),
                        page.engine(),
                        page.httpStates(),
                        upgrade);
        connection.queue().force(connection::connect);
        this.connected = updates(socket.take());
        this.last = connected.isEmpty() ? null : connected.get(connected.size() - 1);
    }

    static <S> LiveView<S> open(LiveTest<S> page, Upgrade upgrade) {
        return new LiveView<>(page, upgrade);
    }

    // ------------------------------------------------------------------ what the tab sends

    /**
     * A click on {@code <button name="action">} or an element with {@code lvt-on:click="action"}
     * without data.
     */
    public Update click(String action) {
        return click(action, Map.of());
    }

    /**
     * A click on an element that sends {@code action} with {@code data}: the button's {@code value}
     * as {@code "value"}, its {@code data-*} attributes by name ({@code data-id} → {@code "id"}).
     * String values are typed as the client types them ({@code "42"} arrives as a number, {@code
     * "true"} as a boolean; docs/protocol.md §4.4).
     */
    public Update click(String action, Map<String, ?> data) {
        return send(action, ClientValues.typed(data), null);
    }

    /**
     * Submits a form that sends {@code action} with its fields {@code form} (typed as the client
     * types them); no submit button is named.
     */
    public Update submit(String action, Map<String, ?> form) {
        return send(action, ClientValues.typed(form), null);
    }

    /**
     * Submits a form through the submit button named {@code submitter} ({@code ctx.submitter()}).
     */
    public Update submit(String action, Map<String, ?> form, String submitter) {
        return send(action, ClientValues.typed(form), Objects.requireNonNull(submitter));
    }

    /**
     * A {@code change} (or {@code input}) event bound with {@code lvt-on:change="action"}: the
     * control's name and value, sent as typed (the client sends strings here).
     */
    public Update change(String action, Map<String, ?> data) {
        return send(action, ClientValues.raw(data), null);
    }

    /**
     * Follows a same-page link to {@code ?query} ({@code __navigate__}): mount runs again on the
     * current state with the link's query.
     */
    public Update navigate(Map<String, String> query) {
        return send("__navigate__", new LinkedHashMap<>(query), null);
    }

    /** Sends {@code action} with {@code data} exactly as given (no typing). */
    public Update send(String action, Map<String, ?> data) {
        return send(action, ClientValues.raw(data), null);
    }

    /**
     * Sends one raw text frame, as a client could (malformed JSON included).
     *
     * @return the answer
     * @throws AssertionError if the tab is closed or nothing answered
     */
    public Update sendFrame(String text) {
        if (socket.closed()) {
            throw new AssertionError("the view is closed (" + closeReason() + ")");
        }
        takePushed();
        boolean queued = connection.queue().offer(() -> connection.receive(text));
        if (!queued) {
            throw new AssertionError("the connection's queue is full");
        }
        List<Update> got = updates(socket.take());
        if (got.isEmpty()) {
            throw new AssertionError("the server sent nothing for " + text);
        }
        // The answer comes first; pushes it caused to this tab (a trigger of its own group) follow.
        pushed.addAll(got.subList(1, got.size()));
        for (Update u : got) {
            if (u.isUpdate()) {
                last = u;
            }
        }
        return got.get(0);
    }

    private Update send(String action, Map<String, Object> data, String submitter) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("action", Objects.requireNonNull(action, "action"));
        msg.put("data", data);
        if (submitter != null) {
            msg.put("submitter", submitter);
        }
        try {
            return sendFrame(JSON.writeValueAsString(msg));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("data is not JSON-serialisable: " + data, e);
        }
    }

    /** Closes the tab: {@code onDisconnect} runs and the connection leaves its topics. */
    public void close() {
        connection.queue().force(() -> connection.closed(() -> {}));
        socket.close(1000, "closed by the test");
    }

    // ------------------------------------------------------------------ what the tab received

    /**
     * What the server sent when the tab connected: the complete first tree, after an error envelope
     * when mount was refused a topic.
     */
    public List<Update> connected() {
        return connected;
    }

    /**
     * The updates pushed to this tab since the last call (triggered or published actions, including
     * those its own action caused), in order; takes them.
     */
    public List<Update> pushed() {
        takePushed();
        List<Update> out = List.copyOf(pushed);
        pushed.clear();
        return out;
    }

    /** The last update received, answer or push. */
    public Update lastUpdate() {
        takePushed();
        return last;
    }

    /** {@code meta.errors} of the last update: the messages the page was sent with it. */
    public Map<String, String> errors() {
        Update u = lastUpdate();
        return u == null ? Map.of() : u.errors();
    }

    private void takePushed() {
        List<Update> got = updates(socket.take());
        pushed.addAll(got);
        for (Update u : got) {
            if (u.isUpdate()) {
                last = u;
            }
        }
    }

    private static List<Update> updates(List<String> frames) {
        List<Update> out = new ArrayList<>(frames.size());
        for (String f : frames) {
            out.add(new Update(f));
        }
        return out;
    }

    // ------------------------------------------------------------------ the page it shows

    /**
     * The state the engine kept for this tab (what the last update rendered); {@code null} when
     * mount failed.
     */
    public S state() {
        return connection.state();
    }

    /** The tab's flash messages, as the engine keeps them between actions. */
    public Flash flash() {
        return connection.flash();
    }

    /**
     * The page as the renderer renders the current state with the {@code .lvt} context it was last
     * sent with (its errors, flash and {@code .lvt.Pending}), parsed.
     *
     * @throws AssertionError if the tab has no state (mount failed)
     */
    public Html html() {
        S state = state();
        if (state == null) {
            throw new AssertionError("the view has no state (mount failed: " + closeReason() + ")");
        }
        Utf8Buffer out = new Utf8Buffer(8192);
        page.renderer()
                .writeHtml(
                        state,
                        connection.templateContext(),
                        page.renderer().defaultWrapperId(),
                        false,
                        out);
        return new Html(out.toString());
    }

    /** Every element of the page matching {@code css}. */
    public Elements find(String css) {
        return html().find(css);
    }

    /** The one element matching {@code css} (else an {@link AssertionError} showing the page). */
    public Element one(String css) {
        return html().one(css);
    }

    /** The text of the one element matching {@code css}. */
    public String text(String css) {
        return html().text(css);
    }

    /** Attribute {@code name} of the one element matching {@code css}; {@code ""} when absent. */
    public String attr(String css, String name) {
        return html().attr(css, name);
    }

    /** The texts of every element matching {@code css}, in document order. */
    public List<String> texts(String css) {
        return html().texts(css);
    }

    /** Whether any element matches {@code css}. */
    public boolean has(String css) {
        return html().has(css);
    }

    /** How many elements match {@code css}. */
    public int count(String css) {
        return html().count(css);
    }

    // ------------------------------------------------------------------ the connection

    /** The session group of this tab ({@code ctx.groupId()}). */
    public String groupId() {
        return upgrade.visitor().groupId();
    }

    /** Whether the server closed the tab (or the test did). */
    public boolean isClosed() {
        return socket.closed();
    }

    /** The close code: 1011 when the page broke on the server; 0 while open. */
    public int closeCode() {
        return socket.closeCode();
    }

    /** The close reason ({@code "mount failed"}, …); {@code null} while open. */
    public String closeReason() {
        return socket.closeReason();
    }

    @Override
    public String toString() {
        return "LiveView[" + upgrade.path() + ", group=" + groupId() + "]";
    }
}
