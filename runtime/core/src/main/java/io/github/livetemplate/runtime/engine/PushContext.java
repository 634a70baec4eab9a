package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.SessionHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Internal: the server-push side of one mount, action or pushed action. Collects the subscription
 * changes and publishes a call makes; the runtime {@linkplain #commit applies} them once the call
 * has succeeded. Used by one thread at a time, like its {@link Context}.
 */
final class PushContext implements Context.Push {
    private record Publish(String topic, String action, Map<String, Object> data) {}

    private record Op(String topic, boolean subscribe) {}

    private final PushHub<?> hub;
    private final LiveConnection<?> connection;
    private final boolean pushed;
    private List<Op> ops;
    private List<Publish> publishes;

    PushContext(PushHub<?> hub, LiveConnection<?> connection, boolean pushed) {
        this.hub = hub;
        this.connection = connection;
        this.pushed = pushed;
    }

    @Override
    public SessionHandle session(String groupId) {
        return hub.session(groupId);
    }

    @Override
    public void subscribe(String topic, Context ctx) {
        PushHub.validate(topic, true);
        hub.checkAccess(topic, ctx);
        if (connection != null) {
            if (ops == null) {
                ops = new ArrayList<>(2);
            }
            ops.add(new Op(topic, true));
        }
    }

    @Override
    public void unsubscribe(String topic) {
        if (connection != null && topic != null) {
            if (ops == null) {
                ops = new ArrayList<>(2);
            }
            ops.add(new Op(topic, false));
        }
    }

    @Override
    public void publish(String topic, String action, Map<String, ?> data, Context ctx) {
        PushHub.validate(topic, false);
        if (action == null || action.isEmpty()) {
            throw new IllegalArgumentException("action must not be empty");
        }
        hub.checkAccess(topic, ctx);
        if (pushed) {
            hub.dropPublish(topic, action);
            return;
        }
        if (publishes == null) {
            publishes = new ArrayList<>(1);
        }
        publishes.add(new Publish(topic, action, PushHub.copy(data)));
    }

    /**
     * Applies what a call that ran to completion asked for: its subscription changes, and its
     * publishes only when it {@code succeeded} without errors.
     */
    /** Whether this is the context of a pushed action (a trigger or a publish). */
    boolean pushed() {
        return pushed;
    }

    void commit(boolean succeeded) {
        if (ops != null && connection != null) {
            for (Op op : ops) {
                if (op.subscribe()) {
                    hub.subscribe(connection, op.topic());
                } else {
                    hub.unsubscribe(connection, op.topic());
                }
            }
        }
        if (publishes != null && succeeded) {
            for (Publish p : publishes) {
                hub.publish(p.topic(), p.action(), p.data(), connection, false);
            }
        }
    }
}
