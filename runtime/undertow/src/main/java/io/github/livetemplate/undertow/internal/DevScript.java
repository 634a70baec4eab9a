package io.github.livetemplate.undertow.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Internal, dev mode only (docs/dev-mode.md): the page script that shows template errors, failed
 * actions and a banner while the server is unreachable, served as a file below the page's mount
 * path (so that a {@code script-src 'self'} policy allows it) with the current template problem in
 * an attribute of its tag.
 */
final class DevScript {
    /** Below the mount path, like the client script. */
    static final String PATH = "/_lvt/dev.js";

    private static final String RESOURCE = "/META-INF/livetemplate/dev.js";

    private static final byte[] BYTES = read();

    private DevScript() {}

    private static byte[] read() {
        try (InputStream in = DevScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the Undertow jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tag that loads the script; {@code problem} (or null) is what the page shows first. */
    static String tag(String mount, String problem) {
        return "<script defer src=\""
                + PageHtml.escapeAttr(mount + PATH)
                + "\""
                + (problem == null
                        ? ""
                        : " data-lvt-dev-problem=\"" + PageHtml.escapeAttr(problem) + "\"")
                + "></script>";
    }

    static void serve(HttpServerExchange exchange) {
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .put(Headers.CACHE_CONTROL, "no-store")
                .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.setResponseContentLength(BYTES.length);
        if (head) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(BYTES));
    }
}
