package ${package};

import io.undertow.Undertow;

/** Serves the counter on http://localhost:8080 ({@code $PORT} for another port). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String env = System.getenv("PORT");
        int port = env == null || env.isBlank() ? 8080 : Integer.parseInt(env.trim());
        Undertow server =
                Undertow.builder()
                        .addHttpListener(port, "localhost")
                        .setHandler(
                                CounterControllerLive.handler(
                                        new CounterController(), Counter.initial()))
                        .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println("Counter: http://localhost:" + port + "/");
    }
}
