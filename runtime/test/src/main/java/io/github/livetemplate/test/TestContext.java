package io.github.livetemplate.test;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.SessionHandle;
import io.github.livetemplate.runtime.TopicAccess;
import io.github.livetemplate.runtime.TopicForbiddenException;
import io.github.livetemplate.runtime.pubsub.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Context} for calling one controller method directly, with its server push recorded
 * instead of delivered:
 *
 * <pre>{@code
 * TestContext ctx = TestContext.action("add").form(Map.of("text", "Buy milk")).group("g1").build();
 * TodoState next = controller.add(state, ctx.context());
 * assertTrue(ctx.errors().isEmpty());
 * }</pre>
 *
 * Subscriptions, publishes and session triggers the method makes are listed by {@link
 * #subscriptions()}, {@link #published()} and {@link #triggered()}. Topics are checked for form as
 * the engine does; the access rule applies only when one is given ({@link Builder#topicAccess}).
 * Unlike {@link LiveTest}, nothing here runs the engine's rules (no rendering, errors are not
 * applied to the state, publishes are recorded even when the call fails).
 */
public final class TestContext {

    /** A {@link Context#publish} the call made. */
    public record Published(String topic, String action, Map<String, Object> data) {}

    /** A {@link SessionHandle#trigger} the call made on {@code groupId}. */
    public record Triggered(String groupId, String action, Map<String, Object> data) {}

    private final Context context;
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private final List<Published> published = new ArrayList<>();
    private final List<Triggered> triggered = new ArrayList<>();

    private TestContext(Builder b) {
        TopicAccess access = b.access;
        Context.Push push =
                new Context.Push() {
                    @Override
                    public SessionHandle session(String groupId) {
                        return new SessionHandle() {
                            @Override
                            public String groupId() {
                                return groupId;
                            }

                            @Override
                            public int trigger(String action, Map<String, ?> data) {
                                triggered.add(new Triggered(groupId, action, copy(data)));
                                return 0;
                            }
                        };
                    }

                    @Override
                    public void subscribe(String topic, Context ctx) {
                        check(Topics.validate(topic, true), ctx, access);
                        subscriptions.add(topic);
                    }

                    @Override
                    public void unsubscribe(String topic) {
                        subscriptions.remove(topic);
                    }

                    @Override
                    public void publish(
                            String topic, String action, Map<String, ?> data, Context ctx) {
                        check(Topics.validate(topic, false), ctx, access);
                        if (action == null || action.isEmpty()) {
                            throw new IllegalArgumentException("action must not be empty");
                        }
                        published.add(new Published(topic, action, copy(data)));
                    }
                };
        this.context =
                Context.builder(b.action)
                        .submitter(b.submitter)
                        .userId(b.user)
                        .groupId(b.group)
                        .http(b.http)
                        .query(b.query)
                        .data(b.data)
                        .flash(b.flash)
                        .push(push)
                        .build();
    }

    /** Starts a context for action {@code name}. */
    public static Builder action(String name) {
        return new Builder(Objects.requireNonNull(name, "name"));
    }

    /** Starts a context for {@code mount}, {@code onConnect} or {@code onDisconnect}. */
    public static Builder lifecycle() {
        return new Builder("");
    }

    /** The context to pass to the controller method. */
    public Context context() {
        return context;
    }

    /** The validation messages the call recorded ({@code ctx.error}). */
    public FieldErrors errors() {
        return context.errors();
    }

    /** The flash messages after the call. */
    public Flash flash() {
        return context.flash();
    }

    /** The topics the connection is subscribed to after the call, in subscription order. */
    public Set<String> subscriptions() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(subscriptions));
    }

    /** The publishes the call made, in order. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    /** The session triggers the call made, in order. */
    public List<Triggered> triggered() {
        return List.copyOf(triggered);
    }

    private static void check(String topic, Context ctx, TopicAccess access) {
        if (access != null && !access.allowed(topic, ctx)) {
            throw new TopicForbiddenException(topic);
        }
    }

    private static Map<String, Object> copy(Map<String, ?> data) {
        return data == null ? Map.of() : new LinkedHashMap<>(data);
    }

    /** Builds a {@link TestContext}; every value defaults to empty, over a WebSocket. */
    public static final class Builder {
        private final String action;
        private String submitter = "";
        private String user = "";
        private String group = "test-group";
        private boolean http;
        private Map<String, String> query = Map.of();
        private Map<String, Object> data = Map.of();
        private Map<String, String> flash = Map.of();
        private TopicAccess access;

        private Builder(String action) {
            this.action = action;
        }

        /** The data exactly as given (what a client sends is typed: see {@link #form}). */
        public Builder data(Map<String, ?> data) {
            this.data = new LinkedHashMap<>(data);
            return this;
        }

        /**
         * Form fields or clicked {@code data-*} values as strings, typed as the browser client
         * types them ({@code "42"} becomes a number; docs/protocol.md §4.4).
         */
        public Builder form(Map<String, ?> fields) {
            this.data = ClientValues.typed(fields);
            return this;
        }

        /** The name of the submit button. */
        public Builder submitter(String submitter) {
            this.submitter = Objects.requireNonNull(submitter, "submitter");
            return this;
        }

        /** The signed-in user. */
        public Builder user(String userId) {
            this.user = Objects.requireNonNull(userId, "userId");
            return this;
        }

        /** The session group (default {@code test-group}). */
        public Builder group(String groupId) {
            this.group = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /** Whether the call serves an HTTP request (default: a WebSocket). */
        public Builder http(boolean http) {
            this.http = http;
            return this;
        }

        /** The page URL's query. */
        public Builder query(Map<String, String> query) {
            this.query = Map.copyOf(query);
            return this;
        }

        /** The flash messages the connection holds before the call. */
        public Builder flash(Map<String, String> flash) {
            this.flash = new LinkedHashMap<>(flash);
            return this;
        }

        /** Checks subscriptions and publishes against {@code rule} (default: no check). */
        public Builder topicAccess(TopicAccess rule) {
            this.access = Objects.requireNonNull(rule, "rule");
            return this;
        }

        public TestContext build() {
            return new TestContext(this);
        }
    }
}
