package io.github.livetemplate.examples.chat;

import io.github.livetemplate.Action;
import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.TopicAccess;
import io.github.livetemplate.undertow.LiveHandler;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat page: rooms as topics ({@code chat/<room>}, the room from {@code ?room=}), a message
 * list, a send form and a presence count.
 *
 * <h2>How it works</h2>
 *
 * <ul>
 *   <li>{@code mount} (WebSocket connect, or a room link followed as {@code __navigate__})
 *       subscribes the connection to its room's topic, counts it in the room and publishes {@code
 *       presence}; {@code onDisconnect} (or leaving for another room) counts it out and publishes
 *       {@code presence} again. Page loads over HTTP only render the room.
 *   <li>{@code send} validates the text (empty or too long → an error under the input), appends the
 *       message to the room in {@link ChatRooms} and publishes {@code refresh} carrying the
 *       message. Every other connection in the room, on this instance and (through the broadcaster)
 *       on the others, runs {@code refresh}: it appends the message if its instance does not have
 *       it yet (ids are unique across instances) and returns the room's snapshot.
 *   <li>Every action returns the room's shared {@link ChatState} snapshot, so a publish to many
 *       connections costs one diff.
 * </ul>
 *
 * <h2>Several instances (Redis)</h2>
 *
 * With a {@code RedisBroadcaster} (set {@code REDIS_URL}, see {@code docs/scaling.md}), each
 * instance still keeps its own in-memory {@link ChatRooms}; the published {@code refresh} carries
 * the new message, so every instance with a connection in the room appends it on receipt. Presence
 * is counted per instance: {@code presence} carries the sender's instance id and its count, each
 * instance adds up the last count it heard from every other one, and an instance that hears a new
 * connection's hello answers with its own count (through {@link LiveHandler#publish}, since a
 * pushed action may not publish). Limits of this simple design: history is per instance (an
 * instance without a connection in the room, or cut off from Redis, misses what is said meanwhile;
 * a new instance starts empty), and the count of an instance that dies without saying goodbye stays
 * until it comes back. A real application would keep messages and presence in shared storage and
 * publish only "refresh".
 *
 * <p>{@code refresh} and {@code presence} are {@code @Action(serverOnly = true)}: only publishes
 * run them, a client that sends one gets an error reply (so it cannot post a message as someone
 * else or fake the online count). They still accept nothing that {@code send} would not (a
 * well-formed message of bounded size, a count between 0 and {@value #MAX_INSTANCE_COUNT} per
 * instance id), since another instance could be wrong too.
 */
@LiveController
public final class ChatController {
    /** Topic prefix: room {@code r} is topic {@code chat/r}. */
    public static final String TOPIC_PREFIX = "chat/";

    /** The largest online count one instance may report; larger ones are ignored. */
    public static final int MAX_INSTANCE_COUNT = 1_000_000;

    /** The longest accepted message, in characters (code points). */
    public static final int MAX_TEXT = 280;

    private static final Logger LOG =
            LoggerFactory.getLogger("io.github.livetemplate.examples.chat");

    private final ChatRooms rooms;
    private final String instance =
            "i" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile LiveHandler<ChatState> handler;

    public ChatController(ChatRooms rooms) {
        this.rooms = Objects.requireNonNull(rooms, "rooms");
    }

    /**
     * Lets the controller answer other instances' presence hellos through {@code handler} (the
     * handler serving this controller); returns {@code handler}. Without it, presence from other
     * instances is only learnt when their counts change.
     */
    public LiveHandler<ChatState> attach(LiveHandler<ChatState> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return handler;
    }

    /**
     * The access rule for {@code LiveHandler.Builder.topicAccess}: {@code chat/<room>} and {@code
     * chat/*} only.
     */
    public static final TopicAccess ACCESS =
            (topic, ctx) ->
                    topic.startsWith(TOPIC_PREFIX) && topic.indexOf('/', TOPIC_PREFIX.length()) < 0;

    /** The topic of room {@code room}. */
    public static String topic(String room) {
        return TOPIC_PREFIX + room;
    }

    /** This instance's id in presence messages and message ids. */
    public String instance() {
        return instance;
    }

    /**
     * Page load, WebSocket connect and room links ({@code ?room=java} as {@code __navigate__}): the
     * query's room. A live connection that changes room leaves the old one first.
     */
    public ChatState mount(ChatState state, Context ctx) {
        String room = ChatRooms.roomName(ctx.query().get("room"));
        if (!ctx.isHttp() && !room.equals(state.room())) {
            if (!state.room().isEmpty()) {
                leave(state.room(), ctx);
                ctx.unsubscribe(topic(state.room()));
            }
            ctx.subscribe(topic(room));
            int local = rooms.room(room).join();
            ctx.publish(
                    topic(room),
                    "presence",
                    Map.of(
                            "instance",
                            instance,
                            "count",
                            local,
                            "hello",
                            instance + "-" + nextId.getAndIncrement()));
        }
        return rooms.room(room).snapshot();
    }

    /** The connection closed: it leaves its room. */
    public void onDisconnect(ChatState state, Context ctx) {
        if (!state.room().isEmpty()) {
            leave(state.room(), ctx);
        }
    }

    /** {@code <form name="send">}: posts the typed text to the room. */
    public ChatState send(ChatState state, Context ctx) {
        ChatRooms.Room room = rooms.room(ChatRooms.roomName(state.room()));
        String text = ctx.getString("text").strip();
        String problem = check(text);
        if (problem != null) {
            ctx.error("text", problem);
            return room.snapshot();
        }
        Message message =
                new Message(
                        instance + "-" + nextId.getAndIncrement(),
                        author(ctx.userId(), ctx.groupId()),
                        text);
        room.add(message);
        ctx.publish(
                topic(state.room()),
                "refresh",
                Map.of("id", message.id(), "author", message.author(), "text", message.text()));
        return room.snapshot();
    }

    /**
     * Published by {@code send}: appends the message it carries (if this instance does not have it
     * yet) and shows the room.
     */
    @Action(serverOnly = true)
    public ChatState refresh(ChatState state, Context ctx) {
        ChatRooms.Room room = rooms.room(ChatRooms.roomName(state.room()));
        String id = ctx.getString("id");
        String author = ctx.getString("author");
        String text = ctx.getString("text");
        if (!id.isEmpty()
                && id.length() <= 64
                && !author.isEmpty()
                && author.length() <= 32
                && check(text) == null) {
            room.add(new Message(id, author, text));
        }
        return room.snapshot();
    }

    /** Published on join and leave: another instance's count in the room, or a re-read. */
    @Action(serverOnly = true)
    public ChatState presence(ChatState state, Context ctx) {
        String roomName = ChatRooms.roomName(state.room());
        ChatRooms.Room room = rooms.room(roomName);
        String from = ctx.getString("instance");
        long count = ctx.has("count") ? ctx.getLong("count") : -1;
        if (!from.isEmpty()
                && !from.equals(instance)
                && from.length() <= 64
                && count >= 0
                && count <= MAX_INSTANCE_COUNT) {
            room.remote(from, (int) count);
            String hello = ctx.getString("hello");
            LiveHandler<ChatState> h = handler;
            if (!hello.isEmpty() && h != null && room.answer(from, hello)) {
                // A pushed action may not publish (one hop): answer from outside the action.
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                h.publish(
                                        topic(roomName),
                                        "presence",
                                        Map.of("instance", instance, "count", room.localOnline()));
                            } catch (RuntimeException e) {
                                LOG.debug("presence answer failed", e);
                            }
                        });
            }
        }
        return room.snapshot();
    }

    private void leave(String roomName, Context ctx) {
        int local = rooms.room(roomName).leave();
        ctx.publish(topic(roomName), "presence", Map.of("instance", instance, "count", local));
    }

    private static String check(String text) {
        if (text.isBlank()) {
            return "Please type a message.";
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            return "That is too long: at most " + MAX_TEXT + " characters.";
        }
        return null;
    }

    /** A stable guest name per browser session (not authenticated). */
    private static String author(String userId, String groupId) {
        if (!userId.isEmpty()) {
            return userId.length() <= 32 ? userId : userId.substring(0, 32);
        }
        return "guest-" + String.format("%04x", groupId.hashCode() & 0xffff);
    }
}
