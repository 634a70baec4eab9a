package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.TopicForbiddenException;
import io.github.livetemplate.runtime.generated.Actions;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the page's {@link Actions} (mount, onConnect, actions, onDisconnect) for one {@link
 * PageSession} and turns what they return or throw into an {@link Outcome}; restores and saves the
 * persisted components around them. Changes no session: the caller keeps the outcome once it has
 * been rendered. Stateless and thread-safe.
 *
 * @param <S> the state record type
 */
final class Lifecycle<S> {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** What one mount starts from and sees. */
    private record Mounting<S>(
            S base,
            Flash flash,
            Map<String, String> query,
            Map<String, Object> data,
            Context.Connect kind) {}

    private final Actions<S> actions;
    private final PersistedState<S> persisted;

    /** Session store calls that failed. */
    long storeErrors() {
        return persisted.storeErrors();
    }

    /** Failures of the application's code, logged with their stack trace at most once a window. */
    private final LogLimiter warnings;

    /** Dev mode: an action that throws answers with the exception, not a generic message. */
    private volatile boolean dev;

    Lifecycle(Actions<S> actions, LogLimiter warnings, PersistedState<S> persisted) {
        this.actions = actions;
        this.warnings = warnings;
        this.persisted = persisted;
    }

    void dev(boolean on) {
        dev = on;
    }

    /**
     * Mounts {@code initial} for a page load (or the first HTTP request of a session).
     *
     * @throws Exception what {@code mount} threw
     */
    Outcome<S> mountPage(PageSession<S> s, S initial, Flash flash, PushContext push)
            throws Exception {
        return mount(
                s,
                new Mounting<>(initial, flash, s.query(), Map.of(), Context.Connect.INITIAL_MOUNT),
                push,
                false);
    }

    /**
     * {@code state} with {@code errors} and {@code flash} as page data, for showing a failure on a
     * page rendered without the client; {@code state} itself when that throws.
     */
    S display(S state, Map<String, String> errors, Flash flash) {
        try {
            S shown = actions.withPageData(state, FieldErrors.of(errors), flash);
            return shown != null ? shown : state;
        } catch (RuntimeException | LinkageError e) {
            warnings.warn("withPageData", "withPageData failed", e);
            return state;
        }
    }

    /**
     * Mounts {@code initial} for a new WebSocket, then runs {@code onConnect} (whose failure keeps
     * the mounted state).
     *
     * @throws Exception what {@code mount} threw
     */
    Outcome<S> mountConnection(PageSession<S> s, S initial, PushContext push, boolean reconnect)
            throws Exception {
        return mount(
                s,
                new Mounting<>(
                        initial,
                        Flash.none(),
                        s.query(),
                        Map.of(),
                        reconnect ? Context.Connect.RECONNECT : Context.Connect.NEW_CONNECTION),
                push,
                true);
    }

    /** Re-mounts the session's state with a {@code __navigate__}'s data as query; never throws. */
    Outcome<S> navigate(PageSession<S> s, Inbound msg, PushContext push) {
        try {
            return mount(
                    s,
                    new Mounting<>(
                            s.state(),
                            s.flash(),
                            msg.dataAsQuery(),
                            msg.data(),
                            Context.Connect.NONE),
                    push,
                    false);
        } catch (TopicForbiddenException e) {
            return Outcome.failed(s.state(), s.flash(), "navigation failed: " + e.getMessage());
        } catch (Exception | LinkageError | StackOverflowError e) {
            warnings.warn("navigate", "mount failed during {}", Inbound.NAVIGATE, e);
            return Outcome.failed(s.state(), s.flash(), "navigation failed (internal error)");
        }
    }

    /** Runs action {@code msg} (not a reserved one) on the session's state; never throws. */
    Outcome<S> act(PageSession<S> s, Inbound msg, PushContext push) {
        S state = s.state();
        Flash flash = s.flash();
        String name = msg.action();
        Context ctx = context(s, name, msg.submitter(), s.query(), msg.data(), flash, push);
        try {
            S next = actions.run(name, state, ctx);
            if (next == null) {
                return Outcome.failed(state, flash, "action \"" + name + "\" returned no state");
            }
            Outcome<S> o = withPageData(next, ctx);
            s.effects(ctx, o.success());
            if (o.success()) {
                persisted.save(o.state(), PersistedState.key(s), s.mark());
            }
            return o;
        } catch (Context.BindException e) {
            // Render the binding errors next to their fields; the state itself stays as it was.
            FieldErrors errors =
                    e.errors().isEmpty()
                            ? FieldErrors.of(Map.of(Outcome.ERROR_KEY, e.getMessage()))
                            : e.errors();
            try {
                return new Outcome<>(
                        actions.withPageData(state, errors, flash), flash, errors, false);
            } catch (RuntimeException e2) {
                return new Outcome<>(state, flash, errors, true);
            }
        } catch (Context.WebSocketOnlyException e) {
            return Outcome.failed(
                    state, flash, "action \"" + name + "\" failed: " + e.getMessage());
        } catch (Context.HttpOnlyException e) {
            LOG.debug("action \"" + name + "\" needs an HTTP response", e);
            return Outcome.failed(
                    state, flash, "action \"" + name + "\" failed: " + e.getMessage());
        } catch (Actions.UnknownActionException | Actions.ServerOnlyActionException e) {
            return Outcome.failed(state, flash, e.getMessage());
        } catch (TopicForbiddenException e) {
            return Outcome.failed(
                    state, flash, "action \"" + name + "\" failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // Deliberately thrown by application code to reject the input: show the message.
            LOG.debug("action \"" + name + "\" rejected its input", e);
            String m = e.getMessage();
            return Outcome.failed(
                    state,
                    flash,
                    "action \"" + name + "\" failed" + (m == null || m.isBlank() ? "" : ": " + m));
        } catch (Exception | LinkageError | StackOverflowError e) {
            warnings.warn("action", "action \"{}\" threw", name, e);
            return Outcome.failed(
                    state,
                    flash,
                    dev
                            ? "action \"" + name + "\" threw " + DevErrors.describe(e)
                            : "action \"" + name + "\" failed (internal error)");
        }
    }

    /** Runs an async job's {@code apply} with the work's outcome; never throws. */
    @SuppressWarnings("unchecked")
    Outcome<S> applyAsync(
            PageSession<S> s,
            Context.AsyncJob<?, ?> job,
            Object result,
            Throwable error,
            PushContext push) {
        S state = s.state();
        Flash flash = s.flash();
        Context ctx = context(s, "", "", s.query(), Map.of(), flash, push);
        try {
            Context.AsyncApply<S, Object> apply = (Context.AsyncApply<S, Object>) job.apply();
            S next = apply.apply(state, result, error, ctx);
            if (next == null) {
                return Outcome.failed(state, flash, "async apply returned no state");
            }
            Outcome<S> o = withPageData(next, ctx);
            s.effects(ctx, o.success());
            if (o.success()) {
                persisted.save(o.state(), PersistedState.key(s), s.mark());
            }
            return o;
        } catch (Exception | LinkageError | StackOverflowError e) {
            warnings.warn("async-apply", "async apply threw", e);
            return Outcome.failed(state, flash, "async work failed (internal error)");
        }
    }

    /**
     * The outcome of a WebSocket mount refused a topic: {@code initial} with the refusal as its
     * general error, so that the client still gets a usable page.
     */
    Outcome<S> refused(S initial, TopicForbiddenException e) {
        Map<String, String> errors = Map.of(Outcome.ERROR_KEY, e.getMessage());
        try {
            return new Outcome<>(
                    actions.withPageData(initial, FieldErrors.of(errors), Flash.none()),
                    Flash.none(),
                    errors,
                    false);
        } catch (RuntimeException e2) {
            return new Outcome<>(initial, Flash.none(), errors, false);
        }
    }

    /** Runs {@code onDisconnect}; never throws; whether it completed normally. */
    boolean disconnect(PageSession<S> s, PushContext push) {
        try {
            actions.onDisconnect(
                    s.state(), context(s, "", "", s.query(), Map.of(), s.flash(), push));
            return true;
        } catch (RuntimeException | LinkageError e) {
            warnings.warn("onDisconnect", "onDisconnect failed", e);
            return false;
        }
    }

    private Outcome<S> mount(PageSession<S> s, Mounting<S> m, PushContext push, boolean connect)
            throws Exception {
        S base = persisted.restore(m.base(), PersistedState.key(s), s.mark());
        Context ctx = context(s, "", "", m.query(), m.data(), m.flash(), push, m.kind());
        S state = actions.mount(base, ctx);
        if (state == null) {
            throw new IllegalStateException("mount returned null");
        }
        if (connect) {
            state = onConnect(state, ctx);
        }
        Outcome<S> o = withPageData(state, ctx);
        s.effects(ctx, o.success());
        persisted.save(o.state(), PersistedState.key(s), s.mark());
        return o;
    }

    private S onConnect(S mounted, Context ctx) {
        try {
            S connected = actions.onConnect(mounted, ctx);
            if (connected != null) {
                return connected;
            }
            warnings.warn("onConnect-null", "onConnect returned null; keeping the mounted state");
        } catch (Exception | LinkageError e) {
            warnings.warn("onConnect", "onConnect failed; keeping the mounted state", e);
        }
        return mounted;
    }

    /** {@code state} with the errors and flash the call left in {@code ctx}. */
    private Outcome<S> withPageData(S state, Context ctx) {
        FieldErrors errors = ctx.errors();
        Flash flash = ctx.flash();
        return new Outcome<>(actions.withPageData(state, errors, flash), flash, errors, false);
    }

    private static Context context(
            PageSession<?> s,
            String action,
            String submitter,
            Map<String, String> query,
            Map<String, Object> data,
            Flash flash,
            Context.Push push) {
        return context(s, action, submitter, query, data, flash, push, Context.Connect.NONE);
    }

    private static Context context(
            PageSession<?> s,
            String action,
            String submitter,
            Map<String, String> query,
            Map<String, Object> data,
            Flash flash,
            Context.Push push,
            Context.Connect kind) {
        Visitor who = s.visitor();
        return Context.builder(action)
                .submitter(submitter)
                .userId(who.userId())
                .groupId(who.groupId())
                .http(s.overHttp())
                .serverCall(push instanceof PushContext pc && pc.pushed())
                .query(query)
                .data(data)
                .flash(flash)
                .push(push)
                .cookies(s.cookies())
                .connect(kind)
                .uploads(s.callUploads())
                .build();
    }
}
