package io.github.livetemplate.benchmarks;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.output.Utf8ByteOutput;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * One page rendered by our generated renderer and by jte: same data, same output bytes (checked in
 * {@link #setup()} and by {@code OutputEqualityTest}). Subclasses name the page.
 *
 * @param <S> the page's state record
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class RenderBenchmark<S> {
    private final Supplier<S> fixture;
    private final Supplier<LiveRenderer<S>> renderer;
    private final String jteTemplate;

    private S page;
    private LiveRenderer<S> ours;
    private String wrapperId;
    private Utf8Buffer buffer;
    private TemplateEngine jteBinary;
    private TemplateEngine jteString;

    protected RenderBenchmark(
            Supplier<S> fixture, Supplier<LiveRenderer<S>> renderer, String jteTemplate) {
        this.fixture = fixture;
        this.renderer = renderer;
        this.jteTemplate = jteTemplate;
    }

    @Setup
    public void setup() {
        page = fixture.get();
        ours = renderer.get();
        wrapperId = ours.defaultWrapperId();
        buffer = new Utf8Buffer(16 * 1024);
        jteBinary = Jte.engine(true);
        jteString = Jte.engine(false);
        Check.sameOutput(
                oursString(),
                jteString(),
                new String(jteBytes().toByteArray(), StandardCharsets.UTF_8),
                oursBytes());
    }

    /** Ours, bytes: {@code writeHtml} into a reused buffer. */
    @Benchmark
    public Utf8Buffer oursBytes() {
        Utf8Buffer out = buffer;
        out.reset();
        ours.writeHtml(page, wrapperId, false, out);
        return out;
    }

    /** Ours, bytes, into a fresh 8 KiB buffer per render (as jte's output is fresh per render). */
    @Benchmark
    public Utf8Buffer oursBytesFreshBuffer() {
        Utf8Buffer out = new Utf8Buffer(8192);
        ours.writeHtml(page, wrapperId, false, out);
        return out;
    }

    /** Ours, String: {@code html()}. */
    @Benchmark
    public String oursString() {
        return ours.html(page);
    }

    /** jte, bytes: binary static content into a {@link Utf8ByteOutput}. */
    @Benchmark
    public Utf8ByteOutput jteBytes() {
        Utf8ByteOutput out = new Utf8ByteOutput();
        jteBinary.render(jteTemplate, page, out);
        return out;
    }

    /** jte, String: {@link StringOutput}. */
    @Benchmark
    public String jteString() {
        StringOutput out = new StringOutput();
        jteString.render(jteTemplate, page, out);
        return out.toString();
    }
}
