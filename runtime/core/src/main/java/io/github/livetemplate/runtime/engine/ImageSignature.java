package io.github.livetemplate.runtime.engine;

import java.util.Locale;

/**
 * Internal: the first bytes of the image formats browsers commonly upload (PNG, JPEG, GIF, WebP),
 * so that a file claiming to be one of them is refused unless its bytes agree, whatever the client
 * said. Formats without a fixed signature (SVG, HEIC, …) are not checked here.
 */
enum ImageSignature {
    PNG(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, "image/png", "png"),
    JPEG(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, "image/jpeg", "jpg", "jpeg", "jpe"),
    GIF(new byte[] {'G', 'I', 'F', '8'}, "image/gif", "gif"),
    /** {@code RIFF????WEBP}: bytes 4 to 7 are the size. */
    WEBP(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'}, "image/webp", "webp");

    /** The longest signature: how many leading bytes a check needs. */
    static final int LONGEST = 12;

    private final byte[] magic;
    private final String mime;
    private final String[] extensions;

    ImageSignature(byte[] magic, String mime, String... extensions) {
        this.magic = magic;
        this.mime = mime;
        this.extensions = extensions;
    }

    String mime() {
        return mime;
    }

    /**
     * The format a file claims: by its MIME type, else (a type that names no checked format) by its
     * name's extension; {@code null} when it claims none of them.
     */
    static ImageSignature claimed(String mimeType, String clientName) {
        String type = mimeType.toLowerCase(Locale.ROOT).trim();
        for (ImageSignature s : values()) {
            if (s.mime.equals(type) || (s == JPEG && type.equals("image/jpg"))) {
                return s;
            }
        }
        String ext = extension(clientName);
        for (ImageSignature s : values()) {
            for (String e : s.extensions) {
                if (e.equals(ext)) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * Whether {@code head} (the first {@code length} bytes of the file) starts with this format.
     */
    boolean matches(byte[] head, int length) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (this == WEBP && i >= 4 && i < 8) {
                continue; // the RIFF chunk size
            }
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The lower-case extension of a file name without the dot; {@code ""} when it has none. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return dot > slash && dot < name.length() - 1
                ? name.substring(dot + 1).toLowerCase(Locale.ROOT)
                : "";
    }
}
