package io.github.livetemplate.examples.chat;

import io.github.livetemplate.runtime.FieldErrors;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * In-memory chat rooms of one instance: each room's latest messages and presence counts, and the
 * room's current {@link ChatState} snapshot. Thread-safe; every method of a {@link Room} is atomic.
 *
 * <p>Each instance keeps its own rooms. With several instances (Redis), every new message travels
 * inside the published action and each instance appends it on receipt ({@link Room#add} ignores ids
 * it already has), so the instances' rooms agree on what was said while they were connected.
 * Messages are not persisted: an instance that was not subscribed to a room (no connection in it)
 * or that was cut off from Redis misses what was said meanwhile, and a restarted instance starts
 * empty. A real application would store messages in a shared database and publish only "refresh".
 */
public final class ChatRooms {
    /** How many messages a room keeps (the oldest go first). */
    public static final int MAX_MESSAGES = 100;

    /** The room a page shows when the query names none (or an invalid one). */
    public static final String DEFAULT_ROOM = "lobby";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int MAX_SEEN = 1000;

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    /**
     * {@code value} when it is a valid room name (a topic segment, at most 32 characters), else the
     * default room.
     */
    public static String roomName(String value) {
        return value != null && NAME.matcher(value).matches() ? value : DEFAULT_ROOM;
    }

    /** Room {@code name} (a valid {@link #roomName}), created empty on first use. */
    public Room room(String name) {
        return rooms.computeIfAbsent(name, Room::new);
    }

    /** One room. */
    public static final class Room {
        private final String name;
        private final ArrayDeque<Message> messages = new ArrayDeque<>();
        private final LinkedHashSet<String> seen = new LinkedHashSet<>();
        private final Map<String, Integer> remoteOnline = new HashMap<>();
        private final Map<String, String> answeredHellos = new HashMap<>();
        private int localOnline;
        private ChatState snapshot;

        Room(String name) {
            this.name = name;
            rebuild();
        }

        /** The room's current state: one shared immutable object until the room changes. */
        public synchronized ChatState snapshot() {
            return snapshot;
        }

        /**
         * Appends {@code message} unless a message with its id is already there.
         *
         * @return whether it was appended
         */
        public synchronized boolean add(Message message) {
            if (!seen.add(message.id())) {
                return false;
            }
            if (seen.size() > MAX_SEEN) {
                Iterator<String> it = seen.iterator();
                it.next();
                it.remove();
            }
            messages.addLast(message);
            if (messages.size() > MAX_MESSAGES) {
                messages.removeFirst();
            }
            rebuild();
            return true;
        }

        /** A connection of this instance entered the room; returns this instance's count. */
        public synchronized int join() {
            localOnline++;
            rebuild();
            return localOnline;
        }

        /** A connection of this instance left the room; returns this instance's count. */
        public synchronized int leave() {
            localOnline = Math.max(0, localOnline - 1);
            rebuild();
            return localOnline;
        }

        /** This instance's connections in the room. */
        public synchronized int localOnline() {
            return localOnline;
        }

        /** Records that instance {@code instance} has {@code count} connections in the room. */
        public synchronized void remote(String instance, int count) {
            Integer old =
                    count <= 0 ? remoteOnline.remove(instance) : remoteOnline.put(instance, count);
            if (old == null ? count > 0 : old != count) {
                rebuild();
            }
        }

        /**
         * Whether hello {@code token} of {@code instance} still needs an answer (true once per
         * token, however many local connections receive it).
         */
        public synchronized boolean answer(String instance, String token) {
            return !token.equals(answeredHellos.put(instance, token));
        }

        private void rebuild() {
            int online = localOnline;
            for (int c : remoteOnline.values()) {
                online += c;
            }
            snapshot = new ChatState(name, List.copyOf(messages), online, FieldErrors.none());
        }
    }
}
