package io.github.livetemplate.examples.profile;

import io.github.livetemplate.LiveTemplate;

/**
 * The state of the profile page: what is known of the visitor's avatar (nothing until one is
 * uploaded). The bytes themselves are in the {@link AvatarStore}, not in the state.
 *
 * @param avatarName the file name the browser gave, for display only
 * @param avatarType the MIME type that was checked against the file's signature
 * @param avatarSize the size in bytes
 * @param avatarSha256 the SHA-256 of the stored bytes, in hex
 * @param attachments the attached files, oldest first
 */
@LiveTemplate("profile.tmpl")
public record Profile(
        String avatarName,
        String avatarType,
        long avatarSize,
        String avatarSha256,
        java.util.List<Attachment> attachments) {

    /**
     * One attached file as the page lists it (its bytes are not kept by the example).
     *
     * @param name the file name the browser gave, for display only
     * @param size the size in bytes
     * @param sha256 the SHA-256 of the bytes that arrived, in hex
     */
    public record Attachment(String name, long size, String sha256) {}

    public Profile {
        attachments = java.util.List.copyOf(attachments);
    }

    /** No avatar yet, nothing attached. */
    public static Profile initial() {
        return new Profile("", "", 0, "", java.util.List.of());
    }
}
