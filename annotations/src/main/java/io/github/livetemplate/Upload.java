package io.github.livetemplate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a named file upload of a {@link LiveController}'s page: {@code <input type="file"
 * lvt-upload="avatar">} in the template sends its files to the upload named {@code avatar}, and the
 * processor refuses an {@code lvt-upload} that names no declared upload. Repeat it for several
 * uploads.
 *
 * <pre>
 * &#64;LiveController(ProfilePage.class)
 * &#64;Upload(name = "avatar", accept = {"image/png", ".jpg"}, maxFileSize = 2_000_000)
 * public final class ProfileController {
 *     public ProfilePage uploadAvatarComplete(ProfilePage state, Context ctx) throws IOException {
 *         UploadedFile f = ctx.uploads("avatar").get(0);
 *         ... // read or move f.path() now: it is deleted when the action returns
 *     }
 * }
 * </pre>
 *
 * <p>In the default {@link Mode#VOLUME} mode the files travel over the WebSocket in chunks (over
 * HTTP when the socket is down) into a private temporary directory, checked against this
 * declaration whatever the client claims; when the last byte has arrived the controller's {@link
 * #action()} runs with the files in {@code ctx.uploads(name)}. {@link #mode()} picks another way:
 * streamed to the action, sent straight to storage, or kept in the browser. See docs/runtime.md,
 * section Uploads.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Upload.List.class)
public @interface Upload {

    /**
     * The upload's name, as written in {@code lvt-upload="…"}: letters, digits, {@code _}, {@code
     * -}.
     */
    String name();

    /**
     * Accepted types: MIME types ({@code image/png}), MIME wildcards ({@code image/*}) and file
     * extensions ({@code .jpg}, case-insensitive). Empty (the default) accepts every type. A file
     * claiming an image type must start with that image format's signature.
     */
    String[] accept() default {};

    /** How many files one selection may hold (default 1); more are refused. */
    int maxEntries() default 1;

    /** The largest accepted file in bytes (default 10 MB); counted on the bytes that arrive. */
    long maxFileSize() default 10_000_000L;

    /**
     * Whether the client sends the files as soon as they are selected (default {@code true});
     * {@code false} waits for the enclosing form's submit.
     */
    boolean autoUpload() default true;

    /**
     * The controller action that receives the files when they have all arrived; default {@code
     * upload_<name>_complete} (a method {@code uploadAvatarComplete} for {@code avatar}).
     */
    String action() default "";

    /** How the files travel (default {@link Mode#VOLUME}); see docs/runtime.md, section Uploads. */
    Mode mode() default Mode.VOLUME;

    /** How an upload's files travel and what reaches the server. */
    enum Mode {
        /**
         * The client sends the bytes over the WebSocket in chunks (over HTTP in one multipart post
         * when the socket is down); the runtime stages them in a private temporary file, and the
         * action reads them from {@code UploadedFile.path()}.
         */
        VOLUME,
        /**
         * The client posts each file as multipart; the action reads it from {@code
         * UploadedFile.open()} while it streams in, without a temporary file.
         */
        PROXIED,
        /**
         * The client PUTs each file to the URL a {@code Presigner} of the application signed (e.g.
         * object storage); the action gets the file's metadata and its URL when the client reports
         * completion.
         */
        DIRECT,
        /** The file stays in the browser (shown there as a preview); the action gets metadata. */
        PREVIEW
    }

    /** The container of repeated {@link Upload}s; written by the compiler. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /** The uploads. */
        Upload[] value();
    }
}
