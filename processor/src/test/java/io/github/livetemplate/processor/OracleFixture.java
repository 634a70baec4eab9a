package io.github.livetemplate.processor;

import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.GoOracle;
import java.nio.file.Path;

/**
 * What the oracle tests of one template share: the Go renderer, the client's tree renderer and the
 * compiled renderer of the template. Start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
final class OracleFixture implements AutoCloseable {
    final GoOracle go;
    final ClientOracle client;
    final ProcessorHarness.Rendering r;

    private OracleFixture(GoOracle go, ClientOracle client, ProcessorHarness.Rendering r) {
        this.go = go;
        this.client = client;
        this.r = r;
    }

    /**
     * Given {@code template} at {@code path} under {@code root} for {@code recordClass} in {@code
     * source}: the oracles started and the renderer compiled (without warnings).
     */
    static OracleFixture start(
            Path root, String path, String template, String recordClass, String source)
            throws Exception {
        ProcessorHarness.Rendering r =
                new ProcessorHarness(root).render(path, template, recordClass, source);
        GoOracle go = GoOracle.start();
        try {
            return new OracleFixture(go, ClientOracle.start(), r);
        } catch (RuntimeException e) {
            go.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            go.close();
        } finally {
            client.close();
        }
    }
}
