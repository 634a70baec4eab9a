package io.github.livetemplate.examples.profile;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.Upload;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.UploadedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The profile page's avatar upload. {@code <input type="file" lvt-upload="avatar">} in the template
 * sends the selected image over the WebSocket; the runtime checks it against the {@code @Upload}
 * below (type, including the image's signature, and size), stages it in a private temporary file
 * and, when the last byte has arrived, calls {@link #uploadAvatarComplete}, then deletes the file.
 */
@LiveController
@Upload(
        name = "avatar",
        accept = {"image/png", "image/jpeg", "image/gif", "image/webp"},
        maxFileSize = ProfileController.MAX_AVATAR_BYTES)
public final class ProfileController {
    /** The largest avatar: 2 MB. */
    public static final long MAX_AVATAR_BYTES = 2_000_000;

    private final AvatarStore store;

    public ProfileController(AvatarStore store) {
        this.store = store;
    }

    /** Shows the avatar this browser session stored earlier, if any. */
    public Profile mount(Profile state, Context ctx) throws NoSuchAlgorithmException {
        AvatarStore.Avatar a = store.get(ctx.groupId());
        if (a == null) {
            return state;
        }
        return new Profile(state.avatarName(), a.type(), a.bytes().length, sha256(a.bytes()));
    }

    /** The avatar arrived: keep its bytes (the staged file is deleted when this returns). */
    public Profile uploadAvatarComplete(Profile state, Context ctx)
            throws IOException, NoSuchAlgorithmException {
        List<UploadedFile> files = ctx.uploads("avatar");
        if (files.isEmpty()) {
            return state;
        }
        UploadedFile f = files.get(0);
        byte[] bytes = Files.readAllBytes(f.path()); // at most MAX_AVATAR_BYTES
        store.put(ctx.groupId(), new AvatarStore.Avatar(f.clientType(), bytes));
        return new Profile(f.clientName(), f.clientType(), f.size(), sha256(bytes));
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
