package io.github.livetemplate.examples;

import io.github.livetemplate.LiveHandler;
import io.github.livetemplate.examples.counter.Counter;
import io.github.livetemplate.examples.counter.CounterController;
import io.github.livetemplate.examples.counter.CounterControllerLive;
import io.github.livetemplate.examples.todo.TodoController;
import io.github.livetemplate.examples.todo.TodoControllerLive;
import io.github.livetemplate.examples.todo.TodoRepository;
import io.github.livetemplate.examples.todo.TodoState;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import java.net.InetSocketAddress;

/**
 * Serves the example apps with Undertow, in-process: the to-do app at {@code /} and the counter
 * at {@code /counter}.
 *
 * <pre>
 * mvn -q install -DskipTests &amp;&amp; mvn -q -pl examples exec:java
 * </pre>
 *
 * <p>then open http://localhost:8080 (set {@code $PORT} for another port).
 */
public final class Main {
  private Main() {}

  /** Starts the server on {@code localhost:$PORT} (default 8080) and runs until killed. */
  public static void main(String[] args) {
    String env = System.getenv("PORT");
    int port = env == null || env.isBlank() ? 8080 : Integer.parseInt(env.trim());
    Undertow server = start("localhost", port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
    System.out.println("To-do app: http://localhost:" + port(server) + "/");
    System.out.println("Counter:   http://localhost:" + port(server) + "/counter");
  }

  /**
   * Starts both apps with default settings on {@code host}:{@code port} ({@code 0}: a free
   * port, see {@link #port(Undertow)}). Stop it with {@link Undertow#stop()}.
   */
  public static Undertow start(String host, int port) {
    return start(host, port,
        routes(todoPage(new TodoRepository()).build(), counterPage().build()));
  }

  /** Starts Undertow on {@code host}:{@code port} serving {@code handler}. */
  public static Undertow start(String host, int port, HttpHandler handler) {
    Undertow server = Undertow.builder()
        .addHttpListener(port, host)
        .setHandler(handler)
        .build();
    server.start();
    return server;
  }

  /**
   * The example's routes: {@code counter} at {@code /counter}, {@code todos} at {@code /} (and
   * below, including each page's {@code /_lvt/client-0.25.1.js}).
   */
  public static PathHandler routes(HttpHandler todos, HttpHandler counter) {
    return Handlers.path()
        .addExactPath("/favicon.ico", ResponseCodeHandler.HANDLE_404)
        .addPrefixPath("/counter", counter)
        .addPrefixPath("/", todos);
  }

  /** The to-do page, storing lists in {@code repository}; add options before {@code build()}. */
  public static LiveHandler.Builder<TodoState> todoPage(TodoRepository repository) {
    return TodoControllerLive.builder(new TodoController(repository), TodoState.initial());
  }

  /** The counter page; add options before {@code build()}. */
  public static LiveHandler.Builder<Counter> counterPage() {
    return CounterControllerLive.builder(new CounterController(), Counter.initial());
  }

  /** The port {@code server}'s (first) listener is bound to. */
  public static int port(Undertow server) {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }
}
