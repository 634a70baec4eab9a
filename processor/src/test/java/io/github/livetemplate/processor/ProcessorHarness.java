package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Test support: given a template and Java sources, compile them with the processor; then check
 * its javac-shaped errors ({@code path:line:col: error: message}, the template line, a caret) or
 * load the generated classes.
 */
final class ProcessorHarness {
  private final Path root;

  /** Templates are written under {@code root}, the processor's template root. */
  ProcessorHarness(Path root) {
    this.root = root;
  }

  /** Writes {@code template} at {@code path} and compiles {@code sources}. */
  Compilation compile(String path, String template, List<String> options,
      List<JavaFileObject> sources) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, template, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> all = new ArrayList<>(options);
    all.add("-Alivetemplate.templateRoot=" + root);
    return Compiler.javac().withProcessors(new LiveTemplateProcessor()).withOptions(all)
        .compile(sources);
  }

  Compilation compile(String path, String template, String className, String source) {
    return compile(path, template, List.of(),
        List.of(JavaFileObjects.forSourceString(className, source)));
  }

  static List<String> errors(Compilation c) {
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
  }

  /** Compilation failed with exactly this one error. */
  static void assertOnlyError(Compilation c, String path, String template, int line, int col,
      String message) {
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertError(c, path, template, line, col, message);
  }

  /**
   * An error reads {@code path:line:col: error: message}, then the template line, then a caret
   * under the column (javac may indent the two extra lines; tabs are kept).
   */
  static void assertError(Compilation c, String path, String template, int line, int col,
      String message) {
    String header = path + ":" + line + ":" + col + ": error: " + message;
    assertThat(c).hadErrorContaining(header);
    String full = null;
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      String m = d.getMessage(Locale.ROOT);
      if (m.lines().findFirst().orElse("").equals(header)) {
        full = m;
      }
    }
    if (full == null) {
      fail("no error whose first line is exactly\n" + header + "\nbut:\n"
          + String.join("\n---\n", errors(c)));
    }
    List<String> lines = full.lines().toList();
    assertEquals(3, lines.size(), "header, template line, caret:\n" + full);
    String source = template.split("\r?\n", -1)[line - 1];
    assertTrue(lines.get(1).endsWith(source), "template line " + line + " shown:\n" + full);
    String indent = lines.get(1).substring(0, lines.get(1).length() - source.length());
    StringBuilder caret = new StringBuilder(indent);
    for (int i = 0; i < col - 1 && i < source.length(); i++) {
      caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
    }
    caret.append('^');
    assertEquals(caret.toString(), lines.get(2), "caret under column " + col + ":\n" + full);
  }

  /** Loads the classes of one compilation; everything else comes from the test class path. */
  static final class GeneratedLoader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    GeneratedLoader(Compilation c) throws IOException {
      super(ProcessorHarness.class.getClassLoader());
      for (JavaFileObject f : c.generatedFiles()) {
        if (f.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = f.toUri().getPath();
        String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
            path.length() - ".class".length()).replace('/', '.');
        try (InputStream in = f.openInputStream()) {
          classes.put(name, in.readAllBytes());
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
