package io.github.livetemplate.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * Signs the request the browser sends a direct-mode upload's file with (an {@code @Upload(mode =
 * DIRECT)}), e.g. a presigned PUT URL of an object store. The application implements it and gives
 * it to the page's builder; the runtime calls it at {@code upload_start} for every file it accepted
 * (declared limits and type checked first) and hands the answer to the client. The bytes never pass
 * through the server; when the client reports the PUT done, the action runs with the file's
 * metadata and {@link UploadedFile#ref()} = {@link Signed#url()}.
 */
@FunctionalInterface
public interface Presigner {

    /**
     * Signs one file's upload.
     *
     * @param file what the browser announced ({@link UploadedFile#path()} is {@code null})
     * @param groupId the session group the upload belongs to, e.g. to choose the object key
     * @return where and how the browser sends the bytes
     * @throws Exception when it cannot sign; the file is refused with a generic error and the
     *     exception logged
     */
    Signed presign(UploadedFile file, String groupId) throws Exception;

    /**
     * The signed request, as the client's uploader takes it: the 0.25.1 client's {@code s3}
     * uploader PUTs the file's bytes to {@code url} with {@code headers}; {@code fields} are passed
     * on for uploaders that POST a form.
     *
     * @param uploader the client uploader's name ({@code "s3"} in the 0.25.1 client)
     * @param url the URL the browser sends the bytes to
     * @param fields form fields for POST uploaders (may be empty)
     * @param headers request headers the browser sets (may be empty)
     */
    record Signed(
            String uploader, String url, Map<String, String> fields, Map<String, String> headers) {
        public Signed {
            Objects.requireNonNull(uploader, "uploader");
            Objects.requireNonNull(url, "url");
            fields = Map.copyOf(fields);
            headers = Map.copyOf(headers);
        }

        /** A PUT to {@code url} with {@code headers} by the client's {@code s3} uploader. */
        public static Signed put(String url, Map<String, String> headers) {
            return new Signed("s3", url, Map.of(), headers);
        }
    }
}
