package io.github.livetemplate.examples.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example's avatars in memory: the latest one per browser session, at most {@value #MAX}
 * sessions (the least recently stored goes first). A real application writes them to its storage.
 */
public final class AvatarStore {
    static final int MAX = 100;

    /** One stored avatar. */
    public record Avatar(String type, byte[] bytes) {}

    private final Map<String, Avatar> bySession =
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Avatar> eldest) {
                    return size() > MAX;
                }
            };

    /** Stores the avatar of session group {@code group}. */
    public synchronized void put(String group, Avatar avatar) {
        bySession.put(group, avatar);
    }

    /** The avatar of session group {@code group}, or null. */
    public synchronized Avatar get(String group) {
        return bySession.get(group);
    }
}
