package io.github.livetemplate.test.board;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The board's actions: rooms are topics {@code board/<room>}; a post is published to the room's
 * other tabs.
 */
@LiveController
public final class BoardController {
    private final AtomicInteger ids = new AtomicInteger();

    /** Lifecycle calls, for the tests. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    public static String topic(String room) {
        return "board/" + room;
    }

    public Board mount(Board state, Context ctx) {
        calls.add("mount" + (ctx.isHttp() ? " http" : ""));
        if (ctx.query().containsKey("fail")) {
            throw new IllegalStateException("mount failed on purpose");
        }
        String room = ctx.query().getOrDefault("room", "lobby");
        if (!ctx.isHttp()) {
            if (!state.room().isEmpty() && !state.room().equals(room)) {
                ctx.unsubscribe(topic(state.room()));
            }
            ctx.subscribe(topic(room));
        }
        return state.withRoom(room, ctx.userId().isEmpty() ? "guest" : ctx.userId());
    }

    public void onDisconnect(Board state, Context ctx) {
        calls.add("onDisconnect " + state.room());
    }

    public Board add(Board state, Context ctx) {
        String text = ctx.getString("text").strip();
        if (text.isEmpty()) {
            ctx.error("text", "Please type something.");
            return state;
        }
        String id = "p" + ids.incrementAndGet();
        ctx.flash("saved", "Posted.");
        ctx.publish(topic(state.room()), "posted", Map.of("id", id, "text", text));
        return append(state, new Post(id, text));
    }

    public Board posted(Board state, Context ctx) {
        return append(state, new Post(ctx.getString("id"), ctx.getString("text")));
    }

    public Board delete(Board state, Context ctx) {
        String id = ctx.getString("value");
        return state.withPosts(state.posts().stream().filter(p -> !p.id().equals(id)).toList());
    }

    /** {@code lvt-on:change}: previews the typed text. */
    public Board preview(Board state, Context ctx) {
        return state.withDraft(ctx.getString("text"));
    }

    /** Shows the Java type the value {@code v} arrived as. */
    public Board probe(Board state, Context ctx) {
        Object v = ctx.data().get("v");
        return state.withDraft(v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
    }

    public Board dismiss(Board state, Context ctx) {
        ctx.clearFlash("saved");
        return state;
    }

    public Board boom(Board state, Context ctx) {
        throw new IllegalStateException("secret detail");
    }

    private static Board append(Board state, Post post) {
        List<Post> posts = new ArrayList<>(state.posts());
        posts.add(post);
        return state.withPosts(posts);
    }
}
