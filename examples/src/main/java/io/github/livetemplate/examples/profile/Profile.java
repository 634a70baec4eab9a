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
 */
@LiveTemplate("profile.tmpl")
public record Profile(String avatarName, String avatarType, long avatarSize, String avatarSha256) {

    /** No avatar yet. */
    public static Profile initial() {
        return new Profile("", "", 0, "");
    }
}
