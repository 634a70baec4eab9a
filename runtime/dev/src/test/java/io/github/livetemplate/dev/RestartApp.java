package io.github.livetemplate.dev;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The application {@link DevLauncherTest} runs in a child JVM: {@code /tally} on loopback port
 * {@code args[0]}, its record chosen by the text of the file {@code args[1]} ({@code tally}, {@code
 * step}, {@code renamed}), which stands for an edit of the record between two runs.
 */
public final class RestartApp {
    private RestartApp() {}

    /** {@code inc} adds one. */
    record Inc<S>(UnaryOperator<S> inc) implements Actions<S> {
        @Override
        public Set<String> names() {
            return Set.of("inc");
        }

        @Override
        public S run(String name, S state, Context ctx) {
            return inc.apply(state);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String variant = Files.readString(Path.of(args[1])).trim();
        LiveHandler<?> page =
                switch (variant) {
                    case "tally" ->
                            LiveHandler.builder(
                                            new TallyRenderer(),
                                            new Inc<Tally>(t -> new Tally(t.count() + 1)),
                                            new Tally(0))
                                    .build();
                    case "step" ->
                            LiveHandler.builder(
                                            new TallyStepRenderer(),
                                            new Inc<TallyStep>(
                                                    t -> new TallyStep(t.count() + 1, t.step())),
                                            new TallyStep(0, "zero"))
                                    .build();
                    case "renamed" ->
                            LiveHandler.builder(
                                            new TallyRenamedRenderer(),
                                            new Inc<TallyRenamed>(
                                                    t -> new TallyRenamed(t.clicks() + 1)),
                                            new TallyRenamed(0))
                                    .build();
                    default -> throw new IllegalArgumentException(variant);
                };
        Undertow server =
                Undertow.builder()
                        .addHttpListener(port, "127.0.0.1")
                        .setHandler(Handlers.path().addPrefixPath("/tally", page))
                        .build();
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
        server.start();
        System.out.println("restart-app: serving " + variant);
    }
}
