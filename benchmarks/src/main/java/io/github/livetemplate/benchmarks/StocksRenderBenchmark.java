package io.github.livetemplate.benchmarks;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.output.Utf8ByteOutput;
import io.github.livetemplate.Utf8Buffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Page (b), the classic 20-row stocks table (~5.7 KB): our renderer against jte, same data, same
 * output bytes (checked in {@link #setup()} and by {@code OutputEqualityTest}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StocksRenderBenchmark {

  private StocksPage page;
  private StocksPageRenderer ours;
  private Utf8Buffer buffer;
  private TemplateEngine jteBinary;
  private TemplateEngine jteString;

  @Setup
  public void setup() {
    page = Fixtures.stocksPage();
    ours = new StocksPageRenderer();
    buffer = new Utf8Buffer(16 * 1024);
    jteBinary = Jte.engine(true);
    jteString = Jte.engine(false);
    Check.sameOutput(oursString(), jteString(), new String(jteBytes().toByteArray(),
        java.nio.charset.StandardCharsets.UTF_8), oursBytes());
  }

  /** Ours, bytes: {@code writeHtml} into a reused buffer. */
  @Benchmark
  public Utf8Buffer oursBytes() {
    Utf8Buffer out = buffer;
    out.reset();
    ours.writeHtml(page, Fixtures.STOCKS_WRAPPER_ID, false, out);
    return out;
  }

  /** Ours, bytes, into a fresh 8 KiB buffer per render (as jte's output is fresh per render). */
  @Benchmark
  public Utf8Buffer oursBytesFreshBuffer() {
    Utf8Buffer out = new Utf8Buffer(8192);
    ours.writeHtml(page, Fixtures.STOCKS_WRAPPER_ID, false, out);
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
    jteBinary.render(Jte.STOCKS, page, out);
    return out;
  }

  /** jte, String: {@link StringOutput}. */
  @Benchmark
  public String jteString() {
    StringOutput out = new StringOutput();
    jteString.render(Jte.STOCKS, page, out);
    return out.toString();
  }
}
