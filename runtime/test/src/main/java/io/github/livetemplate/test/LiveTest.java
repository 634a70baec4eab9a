package io.github.livetemplate.test;

import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.SessionHandle;
import io.github.livetemplate.runtime.TopicAccess;
import io.github.livetemplate.runtime.UserHandle;
import io.github.livetemplate.runtime.engine.HttpStates;
import io.github.livetemplate.runtime.engine.PageEngine;
import io.github.livetemplate.runtime.engine.PushHub;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import io.github.livetemplate.runtime.session.SessionStore;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One live page under test, on the real page engine (the same sessions, lifecycle, error handling,
 * flash, persisted components and server push as a served page) with in-memory connections instead
 * of WebSockets. Every call runs synchronously on the test's thread: when {@link LiveView#click}
 * returns, the action ran, the page was rendered and every push it caused has been delivered.
 *
 * <pre>{@code
 * LiveTest<Counter> page =
 *         LiveTest.of(new CounterRenderer(), new CounterControllerLive(new CounterController()),
 *                 Counter.initial());
 * LiveView<Counter> view = page.connect();
 * view.click("increment");
 * assertEquals("1", view.text("#count"));
 * }</pre>
 *
 * <p>Like the Undertow handler, a page refuses every topic unless told otherwise ({@link
 * Builder#topicAccess}, {@link Builder#openTopics}).
 *
 * @param <S> the state record type
 */
public final class LiveTest<S> {
    /** Runs every queue's tasks at once on the calling thread. */
    static final Executor INLINE = Runnable::run;

    private final LiveRenderer<S> renderer;
    private final PageEngine<S> engine;
    private final PushHub<S> hub;
    private final HttpStates<S> httpStates;
    private final String path;
    private final AtomicInteger groups = new AtomicInteger();

    private LiveTest(Builder<S> b) {
        this.renderer = b.renderer;
        this.path = b.path;
        this.hub =
                new PushHub<>(
                        b.broadcaster != null ? b.broadcaster : new InProcessBroadcaster(),
                        b.access);
        this.engine =
                new PageEngine<>(
                        b.renderer,
                        b.actions,
                        b.initialState,
                        null,
                        b.store != null ? b.store : new MemorySessionStore(),
                        hub);
        this.httpStates = new HttpStates<>(engine, 30 * 60_000L, 10_000, 64);
    }

    /**
     * A page with default settings.
     *
     * @param renderer the generated renderer ({@code new CounterRenderer()})
     * @param actions the generated dispatcher ({@code new CounterControllerLive(controller)})
     * @param initialState the state every connection and page load starts from
     */
    public static <S> LiveTest<S> of(LiveRenderer<S> renderer, Actions<S> actions, S initialState) {
        return builder(renderer, actions, initialState).build();
    }

    /** A page with options; see {@link #of}. */
    public static <S> Builder<S> builder(
            LiveRenderer<S> renderer, Actions<S> actions, S initialState) {
        return new Builder<>(renderer, actions, initialState);
    }

    /** Who visits next: a user, a session group, the page URL's query. */
    public Visit<S> visit() {
        return new Visit<>(this);
    }

    /** Connects an anonymous tab of a new session group with no query (mount, onConnect). */
    public LiveView<S> connect() {
        return visit().connect();
    }

    /**
     * Server push from outside any action, as {@code LiveHandler.publish}: runs {@code action} on
     * every connection subscribed to a topic matching {@code topic}.
     *
     * @return how many connections it was queued on
     */
    public int publish(String topic, String action, Map<String, ?> data) {
        return hub.publish(topic, action, data, null, false);
    }

    /** A handle on session group {@code groupId}, as {@code LiveHandler.session}. */
    public SessionHandle session(String groupId) {
        return hub.session(groupId);
    }

    /** A handle on signed-in user {@code userId}, as {@code LiveHandler.user}. */
    public UserHandle user(String userId) {
        return hub.user(userId);
    }

    /** How many connections are subscribed to a topic matching {@code topic}. */
    public int subscribers(String topic) {
        return hub.subscribers(topic);
    }

    /** Publishes dropped by the one-hop rule (made while handling a pushed action). */
    public long droppedPublishes() {
        return hub.droppedPublishes();
    }

    LiveRenderer<S> renderer() {
        return renderer;
    }

    PageEngine<S> engine() {
        return engine;
    }

    HttpStates<S> httpStates() {
        return httpStates;
    }

    String path() {
        return path;
    }

    String newGroup() {
        return "test-group-" + groups.incrementAndGet();
    }

    /**
     * Options of a {@link LiveTest}, as on the Undertow handler's builder.
     *
     * @param <S> the state record type
     */
    public static final class Builder<S> {
        private final LiveRenderer<S> renderer;
        private final Actions<S> actions;
        private final S initialState;
        private TopicAccess access;
        private SessionStore store;
        private Broadcaster broadcaster;
        private String path = "/";

        private Builder(LiveRenderer<S> renderer, Actions<S> actions, S initialState) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            this.actions = Objects.requireNonNull(actions, "actions");
            this.initialState = Objects.requireNonNull(initialState, "initialState");
        }

        /** Which topics a connection may subscribe and publish to (default: none). */
        public Builder<S> topicAccess(TopicAccess rule) {
            this.access = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** Allows every topic. */
        public Builder<S> openTopics() {
            this.access = (topic, ctx) -> true;
            return this;
        }

        /**
         * Where persisted components are kept per session group (default: a new in-memory store);
         * pass one store to two pages to test what survives a "restart".
         */
        public Builder<S> sessionStore(SessionStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The broadcaster to other instances (default: none). Two pages on broadcasters of one
         * {@code InProcessBroadcaster.Hub} behave like two instances sharing a Redis; their
         * messages then arrive on the broadcaster's thread, not synchronously.
         */
        public Builder<S> broadcaster(Broadcaster broadcaster) {
            this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
            return this;
        }

        /** The page's path (default {@code /}); only logs and persisted state see it. */
        public Builder<S> path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        public LiveTest<S> build() {
            return new LiveTest<>(this);
        }
    }
}
