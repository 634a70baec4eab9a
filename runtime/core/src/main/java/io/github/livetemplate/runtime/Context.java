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
    private final boolean serverCall;
    private final Map<String, String> query;
    private final Map<String, Object> data;
    private final Map<String, String> errors = new LinkedHashMap<>();

    /** The connection's flash messages; copied on this call's first change (most never change). */
    private Map<String, String> flash;

    private boolean flashOwned;
    private final Map<String, List<UploadedFile>> uploads;

    /** Null when the call has no server push (a test context). */
    private final Push push;

    private final Map<String, String> cookies;
    private final Connect connect;
    private final List<AsyncJob<?, ?>> asyncJobs = new ArrayList<>();
    private final List<ResponseCookie> setCookies = new ArrayList<>();
    private String redirect;

    private Context(Builder b) {
        this.action = b.action;
        this.submitter = b.submitter;
        this.userId = b.userId;
        this.groupId = b.groupId;
        this.http = b.http;
        this.serverCall = b.serverCall;
        this.query = b.query.isEmpty() ? Map.of() : Collections.unmodifiableMap(b.query);
        this.data = b.data.isEmpty() ? Map.of() : Collections.unmodifiableMap(b.data);
        // Flash is immutable: share it until a change; copy any other map now.
        this.flashOwned = !(b.flash instanceof Flash);
        this.flash = flashOwned ? new LinkedHashMap<>(b.flash) : b.flash;
        this.push = b.push;
        this.cookies = b.cookies.isEmpty() ? Map.of() : Map.copyOf(b.cookies);
        this.connect = b.connect;
        this.uploads = b.uploads;
    }

    /** What kind of mount a call is (see {@link #isInitialMount()} and the others). */
    public enum Connect {
        /** Not a mount of a page load or a connection: an action, a navigation, a test. */
        NONE,
        /**
         * The mount of a page load (an HTTP {@code GET} of the page, or its first HTTP request).
         */
        INITIAL_MOUNT,
        /** The mount of a WebSocket that follows a page load of this browser. */
        NEW_CONNECTION,
        /**
         * The mount of a WebSocket with no page load before it: the client reconnected (heartbeat,
         * a tab shown again, back/forward cache), its page still showing.
         */
        RECONNECT
    }

    /** Whether this call mounts a page load (the HTML {@code GET}); the page is rendered next. */
    public boolean isInitialMount() {
        return connect == Connect.INITIAL_MOUNT;
    }

    /** Whether this call mounts (or {@code onConnect}s) a WebSocket right after its page load. */
    public boolean isNewConnection() {
        return connect == Connect.NEW_CONNECTION;
    }

    /**
     * Whether this call mounts (or {@code onConnect}s) a WebSocket that reconnects: no page load of
     * this browser's session group came before it (within a minute). Work started on the first
     * connection may have been lost with the old socket; start it again here.
     */
    public boolean isReconnect() {
        return connect == Connect.RECONNECT;
    }

    /** The kind of mount this call is. */
    public Connect connect() {
        return connect;
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
     * Whether the server runs this action — a {@link SessionHandle#trigger}, a user trigger or a
     * publish — rather than a client message. Server-only actions ({@code @Action(serverOnly =
     * true)}) run only then.
     */
    public boolean isServerCall() {
        return serverCall;
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

    /** Why {@link #bindAndValidate} cannot run, and what to add. */
    static final String NO_BEAN_VALIDATION =
            "ctx.bindAndValidate and ctx.validateFields need Jakarta Bean Validation on the class"
                    + " path: add jakarta.validation:jakarta.validation-api, a provider"
                    + " (org.hibernate.validator:hibernate-validator) and an Expression Language"
                    + " implementation (org.glassfish.expressly:expressly) to the application";

    /**
     * Binds the data like {@link #bind}, then checks the type's Jakarta Bean Validation constraints
     * ({@code @NotBlank}, {@code @Email}, {@code @Size}, nested {@code @Valid} …). Violations
     * become field errors keyed by the form's field names: the property's JSON name (so a component
     * annotated {@code @JsonProperty("user-id")} reports {@code user-id}), nested properties joined
     * with {@code .} ({@code address.zip}), list elements as {@code items[0].name}; a class-level
     * constraint reports under {@code _error}. One message per field.
     *
     * <p>Optional: the application adds {@code jakarta.validation-api}, a provider such as
     * Hibernate Validator, and an Expression Language implementation such as Expressly; an
     * application that never calls this needs none of them. In a named module, open the bound
     * type's package to the provider ({@code org.hibernate.validator}).
     *
     * @throws BindException when a value cannot be converted (as {@link #bind}) or a constraint is
     *     violated; when an action lets it propagate, the runtime answers with these field errors
     * @throws IllegalStateException when Bean Validation is not on the class path (the message
     *     names the dependencies to add)
     */
    public <T> T bindAndValidate(Class<T> type) {
        T value = bind(type);
        Map<String, String> found = beanValidation(() -> BeanValidation.validate(value));
        if (!found.isEmpty()) {
            throw new BindException(type, FieldErrors.of(found));
        }
        return value;
    }

    /**
     * Checks only the submitted fields against {@code type}'s constraints ({@code
     * Validator.validateProperty}), for validation as the user types: a {@code change} message
     * carries the one field that changed, and the other fields' constraints must not report them as
     * missing. Binds the data like {@link #bind} first.
     *
     * @return the submitted fields that violate a constraint, by form field name (as {@link
     *     #bindAndValidate}); empty when they are valid. Submitted fields absent from it passed.
     * @throws BindException when a value cannot be converted
     * @throws IllegalStateException when Bean Validation is not on the class path
     */
    public FieldErrors validateFields(Class<?> type) {
        Object value = bind(type);
        return FieldErrors.of(
                beanValidation(() -> BeanValidation.validateFields(value, data.keySet())));
    }

    private static Map<String, String> beanValidation(
            java.util.function.Supplier<Map<String, String>> check) {
        try {
            return check.get();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(NO_BEAN_VALIDATION, e);
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
        ownFlash().put(Objects.requireNonNull(key, "key"), message == null ? "" : message);
    }

    /** Removes flash message {@code key}. */
    public void clearFlash(String key) {
        if (flash.containsKey(key)) {
            ownFlash().remove(key);
        }
    }

    private Map<String, String> ownFlash() {
        if (!flashOwned) {
            flash = new LinkedHashMap<>(flash);
            flashOwned = true;
        }
        return flash;
    }

    /** The connection's flash messages including this call's changes. */
    public Flash flash() {
        return Flash.of(flash);
    }

    // ---------------------------------------------------------------- redirects and cookies

    /**
     * After this call, sends the browser to {@code location}: a path on this site ({@code
     * /account}, {@code /items?id=3}) or a relative reference ({@code ./next}, {@code ../up},
     * {@code next}). A page load or native form post answers {@code 303 See Other}; over the
     * WebSocket or a JSON post the page is replaced by a notice that sends the browser there (a
     * refresh to the location and a link to it; docs/runtime.md, "Redirects and cookies"). Only
     * applies when the call completes without errors.
     *
     * @throws IllegalArgumentException for anything that could leave the site: a scheme, a host
     *     ({@code //evil.example}, {@code /\evil.example}), control characters
     */
    public void redirect(String location) {
        this.redirect = checkRedirect(location);
    }

    /** The location {@link #redirect} asked for, or {@code null}. */
    public String redirectLocation() {
        return redirect;
    }

    /** {@code location} when it is a same-site path or relative reference; throws otherwise. */
    static String checkRedirect(String location) {
        Objects.requireNonNull(location, "location");
        String l = location;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException(
                        "redirect: control characters and backslashes are refused: " + l);
            }
        }
        if (l.startsWith("//")) {
            throw new IllegalArgumentException("redirect: only paths on this site: " + l);
        }
        int colon = l.indexOf(':');
        int end = l.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = l.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        if (colon >= 0 && colon < end) {
            throw new IllegalArgumentException("redirect: only paths on this site: " + l);
        }
        return l.isEmpty() ? "./" : l;
    }

    /** The value of request cookie {@code name}, or {@code null}. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /**
     * Sets a cookie with the safe defaults of {@link ResponseCookie#of}: {@code HttpOnly}, {@code
     * SameSite=Lax}, {@code Path=/}, {@code Secure} over HTTPS, for the browser session.
     *
     * @throws IllegalStateException over the WebSocket (see {@link #setCookie(ResponseCookie)})
     */
    public void setCookie(String name, String value) {
        setCookie(ResponseCookie.of(name, value));
    }

    /**
     * Sets {@code cookie} on the response of this HTTP request (page load, native form post, JSON
     * post). Applied when the call completes normally.
     *
     * @throws IllegalStateException over the WebSocket: its only HTTP response (the upgrade) was
     *     sent when it opened, so there is no response left to carry a {@code Set-Cookie}. Set the
     *     cookie in {@code mount} on the page load, from a native form post ({@code
     *     lvt-form:no-intercept}), or redirect to a page that sets it.
     */
    public void setCookie(ResponseCookie cookie) {
        Objects.requireNonNull(cookie, "cookie");
        if (!http) {
            throw new HttpOnlyException(
                    "cannot set cookie \""
                            + cookie.name()
                            + "\" over the WebSocket: its only HTTP response (the upgrade) is long"
                            + " sent; set it in mount on the page load, from a native form post"
                            + " (lvt-form:no-intercept), or redirect to a page that sets it");
        }
        setCookies.add(cookie);
    }

    /** Deletes cookie {@code name} (on {@code Path=/}); HTTP only, as {@link #setCookie}. */
    public void deleteCookie(String name) {
        setCookie(ResponseCookie.delete(name));
    }

    // ---------------------------------------------------------------- async work

    /**
     * What {@link #async} runs with the work's outcome, on the connection's queue, against the
     * state the connection has by then (not the one of the call that started the work).
     *
     * @param <S> the state record type
     * @param <R> the work's result
     */
    @FunctionalInterface
    public interface AsyncApply<S, R> {
        /**
         * @param result the work's result, {@code null} when it failed
         * @param error what the work threw, {@code null} when it succeeded
         * @return the next state
         */
        S apply(S state, R result, Throwable error, Context ctx) throws Exception;
    }

    /** One piece of work registered by {@link #async}. */
    public record AsyncJob<S, R>(java.util.concurrent.Callable<R> work, AsyncApply<S, R> apply) {}

    /**
     * After this call completes (without exception), runs {@code work} off the connection's queue
     * on the handler's bounded worker pool, then {@code apply} on the queue against the
     * connection's current state, and sends the update. Other actions are handled meanwhile; put a
     * flag into the state returned now (e.g. {@code loading=true}) for a spinner and clear it in
     * {@code apply}. When the connection closes first, the work is interrupted and {@code apply}
     * never runs.
     *
     * @throws WebSocketOnlyException over HTTP: there is no connection to send the later update to
     */
    public <S, R> void async(java.util.concurrent.Callable<R> work, AsyncApply<S, R> apply) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(apply, "apply");
        if (http) {
            throw new WebSocketOnlyException(
                    "ctx.async needs a WebSocket: an HTTP request is answered once, so there is no"
                            + " connection to send the later update to; do the work in the action"
                            + " or let the page connect its WebSocket");
        }
        asyncJobs.add(new AsyncJob<>(work, apply));
    }

    /** The work this call registered with {@link #async}, in order. */
    public List<AsyncJob<?, ?>> asyncJobs() {
        return List.copyOf(asyncJobs);
    }

    /** The cookies this call set, in order. */
    public List<ResponseCookie> cookiesToSet() {
        return List.copyOf(setCookies);
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
        private boolean serverCall;
        private Map<String, String> query = Map.of();
        private Map<String, Object> data = Map.of();
        private Map<String, String> flash = Map.of();
        private Push push;
        private Map<String, String> cookies = Map.of();
        private Connect connect = Connect.NONE;
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

        /** Whether the server runs this action (a trigger or a publish), not a client message. */
        public Builder serverCall(boolean serverCall) {
            this.serverCall = serverCall;
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

        /** The request's cookies (name → value). */
        public Builder cookies(Map<String, String> cookies) {
            this.cookies = cookies == null ? Map.of() : cookies;
            return this;
        }

        /** The kind of mount the call is (default {@link Connect#NONE}). */
        public Builder connect(Connect connect) {
            this.connect = connect == null ? Connect.NONE : connect;
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

    /**
     * Thrown by a context method that needs an HTTP response (such as {@link #setCookie}) when the
     * call runs on a WebSocket; its message says why and what to do instead, and the runtime shows
     * it to the client as the action's error.
     */
    public static final class HttpOnlyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        HttpOnlyException(String message) {
            super(message);
        }
    }

    /** Thrown by a context method that needs a WebSocket (such as {@link #async}) over HTTP. */
    public static final class WebSocketOnlyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WebSocketOnlyException(String message) {
            super(message);
        }
    }

    /**
     * Thrown by {@link #bind} when values cannot be converted (and by {@link #bindAndValidate} when
     * constraints are violated). Unchecked, so actions may simply let it propagate: the runtime
     * then answers with {@link #errors()} as field errors (rendered through {@link
     * Actions#withPageData}) and keeps the previous state.
     */
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
