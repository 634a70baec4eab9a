package io.github.livetemplate.examples.e2e;

import io.github.livetemplate.examples.Main;
import io.github.livetemplate.examples.counter.Counter;
import io.github.livetemplate.examples.counter.CounterController;
import io.github.livetemplate.examples.counter.CounterControllerLive;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.time.Duration;

/**
 * The counter alone on loopback port {@code args[0]}, for {@link DevRestartBrowserTest} to run
 * under the dev launcher in a child JVM (dev mode and the state file come from the launcher).
 */
public final class DevRestartApp {
    private DevRestartApp() {}

    public static void main(String[] args) {
        LiveHandler<Counter> page =
                CounterControllerLive.builder(new CounterController(), Counter.initial()).build();
        Undertow server =
                Main.start(
                        "127.0.0.1",
                        Integer.parseInt(args[0]),
                        Handlers.path().addPrefixPath("/counter", page));
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        page.shutdown(Duration.ofSeconds(5));
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    server.stop();
                                }));
    }
}
