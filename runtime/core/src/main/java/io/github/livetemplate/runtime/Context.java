package io.github.livetemplate.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What an action or lifecycle method of a live page gets to know about the message it handles and
 * what it can report back: the submitted {@linkplain #data() data} with tolerant typed getters, the
 * session identity, validation errors and flash messages.
 *
 * <p>The runtime creates one context per action, mount, {@code onConnect} and {@code onDisconnect}
 * call; it is only valid during that call and, like the state, is used by one thread at a time.
 * Applications create contexts only in tests, with {@link #builder(String)}.
 *
 * <h2>Value typing</h2>
 *
 * The browser client converts values before it sends them: {@code "42"} arrives as the number
 * {@code 42}, {@code "true"} as a boolean, a checkbox alone in its form as a boolean, a group of
 * checkboxes sharing a name as an array, while passwords and {@code change} messages stay strings.
 * The getters therefore accept every spelling of a value: {@link #getInt} reads {@code 42} and
 * {@code "42"}, {@link #getBool} reads {@code true}, {@code "true"}, {@code "on"} and {@code "1"},
 * {@link #getString} renders numbers and booleans as text. A missing or unusable value gives the
 * zero value ({@code ""}, {@code 0}, {@code false}, an empty list) rather than an exception.
 *
 * <h2>Errors and flash</h2>
 *
 * {@link #error} records a validation message for a form field. After the action the runtime hands
 * the messages to {@link Actions#withPageData} (so the template can render them), answers with
 * {@code meta.success:false} and lists them in {@code meta.errors}. Flash messages set with {@link
 * #flash(String, String)} belong to the connection and stay until {@link #clearFlash(String)}
 * removes them. When an action throws, its errors and flash changes are discarded together with its
 * state.
 */
public final class Context {

    private final String action;
    private final String submitter;
    private final String userId;
    private final String groupId;
    private final boolean http;
    private final Map<String, String> query;
    private final Map<String, Object> data;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> flash;
    private final Map<String, List<UploadedFile>> uploads;

    /** Null when the call has no server push (a test context). */
    private final Push push;

    private Context(Builder b) {
        this.action = b.action;
        this.submitter = b.submitter;
        this.userId = b.userId;
        this.groupId = b.groupId;
        this.http = b.http;
        this.query = b.query.isEmpty() ? Map.of() : Collections.unmodifiableMap(b.query);
        this.data = b.data.isEmpty() ? Map.of() : Collections.unmodifiableMap(b.data);
        this.flash = new LinkedHashMap<>(b.flash);
        this.push = b.push;
        this.uploads = b.uploads;
    }

    /**
     * Starts a context for the named action (empty for mount and lifecycle calls). The live engine
     * builds every context this way; a test builds one to call a controller method directly.
     */
    public static Builder builder(String action) {
        return new Builder(action);
    }

    // ---------------------------------------------------------------- identity

    /**
     * The action being handled; {@code ""} in {@code mount}, {@code onConnect} and {@code
     * onDisconnect}.
     */
    public String action() {
        return action;
    }

    /** The name of the submit button that sent the form; {@code ""} when there was none. */
    public String submitter() {
        return submitter;
    }

    /** The authenticated user; {@code ""} for anonymous sessions (the default). */
    public String userId() {
        return userId;
    }

    /**
     * The session group: every tab of one browser shares it (it is the browser's session cookie). A
     * request without a usable cookie gets a fresh group of its own.
     */
    public String groupId() {
        return groupId;
    }

    /**
     * Whether this call serves an HTTP request (page load, JSON GET or POST) rather than a
     * WebSocket.
     */
    public boolean isHttp() {
        return http;
    }

    /**
     * The page's query parameters (last value wins for repeated names). During a {@code
     * __navigate__} mount: the parameters of the link the user followed.
     */
    public Map<String, String> query() {
        return query;
    }

    // ---------------------------------------------------------------- data

    /** The submitted data, as the client typed it: strings, numbers, booleans, lists, maps. */
    public Map<String, Object> data() {
        return data;
    }

    /** Whether the data has a non-null value for {@code key}. */
    public boolean has(String key) {
        return data.get(key) != null;
    }

    /**
     * The value for {@code key} as text: strings as they are, numbers and booleans in their JSON
     * spelling, the first element of a list; {@code ""} when missing.
     */
    public String getString(String key) {
        return text(data.get(key));
    }

    /**
     * The value for {@code key} as an {@code int}: accepts whole numbers and their text ({@code
     * 42}, {@code "42"}, {@code " 42 "}, {@code 42.0}); {@code 0} when missing, fractional, out of
     * range or not a number.
     */
    public int getInt(String key) {
        long v = getLong(key);
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (int) v : 0;
    }

    /** Like {@link #getInt} for {@code long}. */
    public long getLong(String key) {
        Object v = first(data.get(key));
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        try {
            BigDecimal d;
            if (v instanceof BigInteger b) {
                d = new BigDecimal(b);
            } else if (v instanceof BigDecimal b) {
                d = b;
            } else if (v instanceof Number n) {
                double x = n.doubleValue();
                if (!Double.isFinite(x)) {
                    return 0;
                }
                d = BigDecimal.valueOf(x);
            } else if (v instanceof String s && !s.isBlank()) {
                d = new BigDecimal(s.trim());
            } else {
                return 0;
            }
            return d.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The value for {@code key} as a {@code double}: numbers and their text; {@code 0} when missing
     * or not a number.
     */
    public double getDouble(String key) {
        Object v = first(data.get(key));
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * The value for {@code key} as a flag: {@code true} for {@code true}, {@code "true"}, {@code
     * "on"} (an unchecked checkbox sends nothing), {@code "1"} and non-zero numbers
     * (case-insensitive, trimmed); {@code false} otherwise.
     */
    public boolean getBool(String key) {
        return truthy(first(data.get(key)));
    }

    /**
     * The value for {@code key} as a list of strings: a checkbox group arrives as an array, a
     * single value becomes a one-element list, a missing value an empty list.
     */
    public List<String> getStrings(String key) {
        Object v = data.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o != null) {
                    out.add(text(o));
                }
            }
            return Collections.unmodifiableList(out);
        }
        return List.of(text(v));
    }

    /**
     * Binds the data into a record or class with Jackson, tolerant of the client's typing: {@code
     * "42"} or {@code 42} for numbers, {@code true}, {@code "true"}, {@code "on"} or {@code "1"}
     * for booleans, a single value for a list, numbers for strings. Unknown keys are ignored;
     * missing ones get the type's default. A JSON key such as {@code user-id} maps to a component
     * annotated {@code @JsonProperty("user-id")}.
     *
     * @throws BindException listing every field that could not be converted (or the message of an
     *     exception thrown by the record's constructor under {@code _error}); when an action lets
     *     it propagate, the runtime answers with these field errors
     */
    public <T> T bind(Class<T> type) {
        Objects.requireNonNull(type, "type");
        try {
            return Binder.bind(data, type);
        } catch (Binder.Failure f) {
            throw new BindException(type, FieldErrors.of(f.errors()));
        }
    }

    // ---------------------------------------------------------------- uploads

    /**
     * The files of upload {@code name} (an {@code @Upload} of the controller) that completed with
     * this call, in the order the browser listed them; empty in every other call. The files are
     * deleted when the call returns (see {@link UploadedFile}).
     */
    public List<UploadedFile> uploads(String name) {
        return uploads.getOrDefault(name, List.of());
    }

    // ---------------------------------------------------------------- errors

    /**
     * Records a validation message for {@code field} (a later message for the same field replaces
     * an earlier one). The action still returns its state; the runtime renders the errors with it
     * and answers {@code meta.success:false}.
     */
    public void error(String field, String message) {
        errors.put(Objects.requireNonNull(field, "field"), message == null ? "" : message);
    }

    /** Whether {@link #error} was called. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors recorded so far, in order. */
    public FieldErrors errors() {
        return FieldErrors.of(errors);
    }

    // ---------------------------------------------------------------- flash

    /** Sets flash message {@code key}; it stays on this connection until cleared. */
    public void flash(String key, String message) {
        flash.put(Objects.requireNonNull(key, "key"), message == null ? "" : message);
    }

    /** Removes flash message {@code key}. */
    public void clearFlash(String key) {
        flash.remove(key);
    }

    /** The connection's flash messages including this call's changes. */
    public Flash flash() {
        return Flash.of(flash);
    }

    // ---------------------------------------------------------------- server push

    /**
     * A handle on this call's session group, usable from any thread (also after this call returns):
     * {@link SessionHandle#trigger} runs an action on every connection of the group.
     */
    public SessionHandle session() {
        return push().session(groupId);
    }

    /**
     * Subscribes this connection to {@code topic}: segments of {@code [A-Za-z0-9_-]+} or {@code *}
     * (exactly one segment) joined by {@code /}, such as {@code chat/room1} or {@code chat/*}.
     * Actions published on a matching topic then run on this connection. Subscriptions belong to
     * the connection, take effect when this call succeeds, and end when the connection closes —
     * subscribe in {@code mount} so that a reconnecting tab subscribes again. On HTTP requests it
     * only checks the access rule (there is no connection to deliver to).
     *
     * @throws IllegalArgumentException if the topic is malformed
     * @throws TopicForbiddenException if the handler's {@link TopicAccess} refuses it (the default
     *     refuses every topic)
     */
    public void subscribe(String topic) {
        push().subscribe(topic, this);
    }

    /** Ends this connection's subscription to {@code topic} (as spelled when subscribing). */
    public void unsubscribe(String topic) {
        push().unsubscribe(topic);
    }

    /**
     * After this action succeeds (no errors, no exception), runs {@code action} with {@code data}
     * on every connection subscribed to a topic matching {@code topic} — except this one — here
     * and, through the handler's {@code Broadcaster}, on other instances. One hop only: a publish
     * made while handling a published or triggered action is dropped (counted in {@link
     * LiveHandler#droppedPublishes()} and logged).
     *
     * @param topic a concrete topic (no {@code *})
     * @throws IllegalArgumentException if the topic is malformed or the action empty
     * @throws TopicForbiddenException if the handler's {@link TopicAccess} refuses the topic
     */
    public void publish(String topic, String action, Map<String, ?> data) {
        push().publish(topic, action, data, this);
    }

    private Push push() {
        if (push == null) {
            throw new IllegalStateException("server push is not available in this context");
        }
        return push;
    }

    @Override
    public String toString() {
        return "Context[action=" + action + ", group=" + groupId + ", http=" + http + "]";
    }

    // ---------------------------------------------------------------- coercion helpers

    private static Object first(Object v) {
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : list.get(0);
        }
        return v;
    }

    static String text(Object v) {
        v = first(v);
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return "";
    }

    static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            if (n instanceof BigInteger b) {
                return b.signum() != 0;
            }
            if (n instanceof BigDecimal b) {
                return b.signum() != 0;
            }
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            return t.equals("true") || t.equals("on") || t.equals("1");
        }
        return false;
    }

    /**
     * Thrown by {@link #bind} when values cannot be converted. Unchecked, so actions may simply let
     * it propagate: the runtime then answers with {@link #errors()} as field errors (rendered
     * through {@link Actions#withPageData}) and keeps the previous state.
     */
    /**
     * Server push as a context sees it: implemented by the live engine, which applies subscriptions
     * and publishes only when the action succeeds.
     */
    public interface Push {
        /** The handle of a session group. */
        SessionHandle session(String groupId);

        /**
         * Subscribes the calling connection to a topic or pattern (checked against the access
         * rule).
         */
        void subscribe(String topic, Context ctx);

        /** Unsubscribes the calling connection. */
        void unsubscribe(String topic);

        /** Publishes an action to a topic's subscribers. */
        void publish(String topic, String action, Map<String, ?> data, Context ctx);
    }

    /** Builds a {@link Context}; every value defaults to empty. */
    public static final class Builder {
        private final String action;
        private String submitter = "";
        private String userId = "";
        private String groupId = "";
        private boolean http;
        private Map<String, String> query = Map.of();
        private Map<String, Object> data = Map.of();
        private Map<String, String> flash = Map.of();
        private Push push;
        private Map<String, List<UploadedFile>> uploads = Map.of();

        private Builder(String action) {
            this.action = action == null ? "" : action;
        }

        /** The name of the button that submitted the form, if any. */
        public Builder submitter(String submitter) {
            this.submitter = submitter == null ? "" : submitter;
            return this;
        }

        /** The signed-in user's id. */
        public Builder userId(String userId) {
            this.userId = userId == null ? "" : userId;
            return this;
        }

        /** The session group (one per browser by default). */
        public Builder groupId(String groupId) {
            this.groupId = groupId == null ? "" : groupId;
            return this;
        }

        /** Whether the message arrived over HTTP rather than a WebSocket. */
        public Builder http(boolean http) {
            this.http = http;
            return this;
        }

        /** The page URL's query parameters. */
        public Builder query(Map<String, String> query) {
            this.query = query == null ? Map.of() : query;
            return this;
        }

        /** The message's data, as the client sent it (see the class comment on value typing). */
        public Builder data(Map<String, Object> data) {
            this.data = data == null ? Map.of() : data;
            return this;
        }

        /** The flash messages the connection holds before the call. */
        public Builder flash(Map<String, String> flash) {
            this.flash = flash == null ? Map.of() : flash;
            return this;
        }

        /** Server push for this call; without it, the push methods throw. */
        public Builder push(Push push) {
            this.push = push;
            return this;
        }

        /** The completed uploads this call receives, by upload name (see {@link #uploads}). */
        public Builder uploads(Map<String, List<UploadedFile>> uploads) {
            this.uploads = uploads == null ? Map.of() : Map.copyOf(uploads);
            return this;
        }

        public Context build() {
            return new Context(this);
        }
    }

    public static final class BindException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient FieldErrors errors;

        BindException(Class<?> type, FieldErrors errors) {
            super("cannot bind " + type.getSimpleName() + ": " + errors);
            this.errors = errors;
        }

        /** The message for every field that could not be converted. */
        public FieldErrors errors() {
            return errors;
        }
    }
}
