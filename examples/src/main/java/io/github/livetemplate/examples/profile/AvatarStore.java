package io.github.livetemplate.examples.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example's avatars and attachment lists in memory: the latest per browser session, at most
 * {@value #MAX} sessions each (the least recently stored goes first). A real application writes
 * them to its storage.
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

    private final Map<String, java.util.List<Profile.Attachment>> attachments =
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(
                        Map.Entry<String, java.util.List<Profile.Attachment>> eldest) {
                    return size() > MAX;
                }
            };

    /** Keeps the attachment list of session group {@code group} (a page load shows it again). */
    public synchronized void putAttachments(String group, java.util.List<Profile.Attachment> list) {
        attachments.put(group, java.util.List.copyOf(list));
    }

    /** The attachment list of session group {@code group}, empty when none. */
    public synchronized java.util.List<Profile.Attachment> attachments(String group) {
        return attachments.getOrDefault(group, java.util.List.of());
    }
}
