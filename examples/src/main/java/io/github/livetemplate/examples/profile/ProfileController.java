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
 * The profile page's avatar and attachments. {@code <input type="file" lvt-upload="avatar">} in the
 * template sends the selected image over the WebSocket; the runtime checks it against the
 * {@code @Upload} below (type, including the image's signature, and size), stages it in a private
 * temporary file and, when the last byte has arrived, calls {@link #uploadAvatarComplete}, then
 * deletes the file. The attachments input takes several files (or a drop on its drop zone); without
 * JavaScript its form posts them as multipart, checked and staged the same way.
 */
@LiveController
@Upload(
        name = "avatar",
        accept = {"image/png", "image/jpeg", "image/gif", "image/webp"},
        maxFileSize = ProfileController.MAX_AVATAR_BYTES)
@Upload(
        name = "attachments",
        maxEntries = ProfileController.MAX_ATTACHMENTS_AT_ONCE,
        maxFileSize = ProfileController.MAX_ATTACHMENT_BYTES)
public final class ProfileController {
    /** The largest avatar: 2 MB. */
    public static final long MAX_AVATAR_BYTES = 2_000_000;

    /** The largest attachment: 5 MB. */
    public static final long MAX_ATTACHMENT_BYTES = 5_000_000;

    /** How many files one selection may attach. */
    public static final int MAX_ATTACHMENTS_AT_ONCE = 5;

    /** How many attachments the page lists; older ones drop off. */
    static final int MAX_LISTED = 20;

    private final AvatarStore store;

    public ProfileController(AvatarStore store) {
        this.store = store;
    }

    /** Shows the avatar and attachments this browser session stored earlier, if any. */
    public Profile mount(Profile state, Context ctx) throws NoSuchAlgorithmException {
        List<Profile.Attachment> attached = store.attachments(ctx.groupId());
        AvatarStore.Avatar a = store.get(ctx.groupId());
        if (a == null) {
            return new Profile(
                    state.avatarName(),
                    state.avatarType(),
                    state.avatarSize(),
                    state.avatarSha256(),
                    attached);
        }
        return new Profile(
                state.avatarName(), a.type(), a.bytes().length, sha256(a.bytes()), attached);
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
        return new Profile(
                f.clientName(), f.clientType(), f.size(), sha256(bytes), state.attachments());
    }

    /**
     * Files arrived (one per call over the WebSocket, all of a form post without JavaScript): list
     * each with the SHA-256 of its bytes, read as a stream.
     */
    public Profile uploadAttachmentsComplete(Profile state, Context ctx)
            throws IOException, NoSuchAlgorithmException {
        List<Profile.Attachment> list = new java.util.ArrayList<>(state.attachments());
        for (UploadedFile f : ctx.uploads("attachments")) {
            list.add(new Profile.Attachment(f.clientName(), f.size(), sha256(f)));
        }
        while (list.size() > MAX_LISTED) {
            list.remove(0);
        }
        store.putAttachments(ctx.groupId(), list);
        return new Profile(
                state.avatarName(),
                state.avatarType(),
                state.avatarSize(),
                state.avatarSha256(),
                list);
    }

    static String sha256(UploadedFile f) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = f.open()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
