package io.github.livetemplate.undertow.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: serves the pinned {@code @livetemplate/client} browser bundle, which the build fetches
 * from npm into the runtime jar (never committed).
 */
public final class ClientScript implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The bundled client version, from the build (the root pom's livetemplate.client.version). */
    public static final String VERSION = readVersion();

    /** The path, below a page's mount path, where the page loads the client from. */
    public static final String PATH = "/_lvt/client-" + VERSION + ".js";

    /** Where the build puts the bundle on the class path. */
    public static final String RESOURCE =
            "/META-INF/livetemplate/client/" + VERSION + "/livetemplate-client.browser.js";

    private static final ClientScript INSTANCE = new ClientScript();
    private static volatile byte[] bytes;

    private ClientScript() {}

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in =
                ClientScript.class.getResourceAsStream(
                        "/META-INF/livetemplate/client.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "META-INF/livetemplate/client.properties is missing");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    public static ClientScript instance() {
        return INSTANCE;
    }

    /** The bundle, or {@code null} when the jar was built without it. */
    public static byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            synchronized (ClientScript.class) {
                b = bytes;
                if (b == null) {
                    try (InputStream in = ClientScript.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            LOG.error(
                                    "the LiveTemplate client script is missing from the class path ("
                                            + RESOURCE
                                            + "); build the runtime with npm available");
                            return null;
                        }
                        b = in.readAllBytes();
                    } catch (IOException e) {
                        LOG.error("cannot read the LiveTemplate client script: " + e);
                        return null;
                    }
                    bytes = b;
                }
            }
        }
        return b;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            exchange.endExchange();
            return;
        }
        byte[] b = bytes();
        if (b == null) {
            exchange.setStatusCode(StatusCodes.NOT_FOUND);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .put(Headers.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.setResponseContentLength(b.length);
        if (head) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(b));
    }
}
