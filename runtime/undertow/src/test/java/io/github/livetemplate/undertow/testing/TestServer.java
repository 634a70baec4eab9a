package io.github.livetemplate.undertow.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real Undertow on 127.0.0.1 and a random port, plus JDK HTTP and WebSocket clients. */
public final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    public final Undertow undertow;
    final int port;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public TestServer(PathHandler paths) {
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(paths).build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    public static TestServer with(String prefix, HttpHandler handler) {
        return new TestServer(Handlers.path().addPrefixPath(prefix, handler));
    }

    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    public URI http(String path) {
        return URI.create(origin() + path);
    }

    public URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http(path)).timeout(TIMEOUT);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = request(path).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b =
                request(path)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** Loads the page and returns its session cookie as a {@code Cookie} header value. */
    public String session(String path) throws Exception {
        HttpResponse<String> r = get(path);
        String setCookie = r.headers().firstValue("Set-Cookie").orElse(null);
        assertNotNull(setCookie, "page GET sets a cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    public static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    public WsClient connect(String path, String... headers) throws Exception {
        return WsClient.connect(this, path, headers);
    }

    /** The status of a refused handshake; fails if it succeeds. */
    public int refusedStatus(String path, String... headers) throws Exception {
        try {
            WsClient c = WsClient.connect(this, path, headers);
            c.close();
            fail("handshake succeeded");
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        undertow.stop();
    }

    /** A WebSocket client collecting text messages. */
    public static final class WsClient implements WebSocket.Listener, AutoCloseable {
        public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        public final CompletableFuture<Integer> closed = new CompletableFuture<>();

        /** The reason of the server's close frame. */
        public final CompletableFuture<String> closeReason = new CompletableFuture<>();

        private final StringBuilder partial = new StringBuilder();
        public WebSocket socket;

        public static WsClient connect(TestServer server, String path, String... headers)
                throws Exception {
            WsClient c = new WsClient();
            WebSocket.Builder b = server.http.newWebSocketBuilder().connectTimeout(TIMEOUT);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            c.socket = b.buildAsync(server.ws(path), c).get(5, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason.complete(reason);
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        /** The next message; fails after 5 s. */
        public String next() throws InterruptedException {
            String m = messages.poll(5, TimeUnit.SECONDS);
            if (m == null) {
                fail("no message within 5 s");
            }
            return m;
        }

        public JsonNode nextJson() throws Exception {
            return json(next());
        }

        public void send(String text) throws Exception {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        }

        /** Sends and returns the answer. */
        public JsonNode call(String text) throws Exception {
            send(text);
            return nextJson();
        }

        /** Closes from the client side and waits (bounded) for the server's close. */
        @Override
        public void close() {
            try {
                if (!socket.isOutputClosed()) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
                }
                closed.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // an abrupt close is fine here
            } finally {
                socket.abort();
            }
        }
    }

    public static List<String> headerValues(HttpResponse<?> r, String name) {
        return r.headers().allValues(name);
    }

    public static Map<String, List<String>> headers(HttpResponse<?> r) {
        return r.headers().map();
    }
}
