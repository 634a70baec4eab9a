package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.generated.PersistedFields;
import io.github.livetemplate.runtime.generated.TypeRef;
import io.github.livetemplate.processor.ProcessorHarness.GeneratedLoader;
import io.github.livetemplate.processor.controller.ActionNames;
import io.github.livetemplate.processor.generate.RuntimeTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @LiveController}: the generated {@code <Controller>Live} dispatcher, the checks on the
 * controller's methods, and the compile-time check that every action the state's template can
 * send exists on the controller.
 */
class ControllerProcessorTest {
  private static final boolean UPDATE = Boolean.getBoolean("goldens.update");
  private static final String PATH = "app/todo.tmpl";

  private static final String STATE = """
      package app;

      import io.github.livetemplate.LiveTemplate;

      @LiveTemplate("todo.tmpl")
      public record TodoState(String last, int count) {}
      """;

  private static final String SIMPLE_TEMPLATE = "<h1>{{.Last}}</h1>\n<p>{{.Count}}</p>\n";

  @TempDir Path root;

  // ------------------------------------------------------------------ dispatch

  @Test
  void dispatchesEveryNameVariantToItsMethod() throws Exception {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("saveDraft"), act("delete"),
        act("loadHTMLPage")));
    assertThat(c).succeededWithoutWarnings();
    Live live = load(c);
    assertEquals(Set.of("saveDraft", "save_draft", "save-draft", "SaveDraft", "delete", "Delete",
        "loadHTMLPage", "load_html_page", "load-html-page", "LoadHTMLPage"), live.actions.names());
    for (String name : List.of("saveDraft", "save_draft", "save-draft", "SaveDraft")) {
      Object next = live.run(name, live.state("start", 1));
      assertEquals("saveDraft", get(next, "last"), name);
      assertEquals(2, get(next, "count"), name);
    }
    assertEquals("delete", get(live.run("Delete", live.state("", 0)), "last"));
    assertEquals("loadHTMLPage", get(live.run("load-html-page", live.state("", 0)), "last"));
    // Lookups are exact, like Go.
    for (String wrong : List.of("savedraft", "SAVE_DRAFT", "save draft", "", "DELETE")) {
      Actions.UnknownActionException e = assertThrows(Actions.UnknownActionException.class,
          () -> live.run(wrong, live.state("", 0)));
      assertTrue(e.getMessage().contains("\"" + wrong + "\""), e.getMessage());
    }
  }

  @Test
  void aBrokenTemplateGivesItsOwnErrorsOnlyNotOneForTheMissingRenderer() {
    Compilation c = compile("<h1>{{.Titel}}</h1>\n", controller(act("save")));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(PATH + ":1:7: error: TodoState has no component 'Titel'");
  }

  @Test
  void explicitActionNameReplacesTheDerivedNames() throws Exception {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(
        "@Action(\"clear-done\")\n" + act("clearCompleted"), act("add")));
    assertThat(c).succeededWithoutWarnings();
    Live live = load(c);
    assertEquals(Set.of("clear-done", "add", "Add"), live.actions.names());
    assertEquals("clearCompleted", get(live.run("clear-done", live.state("", 0)), "last"));
    assertThrows(Actions.UnknownActionException.class,
        () -> live.run("clearCompleted", live.state("", 0)));
  }

  @Test
  void actionsMayThrowAndTheExceptionReachesTheRuntime() throws Exception {
    Compilation c = compile(SIMPLE_TEMPLATE, controller("""
        public TodoState fail(TodoState s, Context ctx) throws java.io.IOException {
          throw new java.io.IOException("disk full");
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    Live live = load(c);
    java.io.IOException e = assertThrows(java.io.IOException.class,
        () -> live.run("fail", live.state("", 0)));
    assertEquals("disk full", e.getMessage());
  }

  @Test
  void lifecycleMethodsAreDelegatedAndAreNotActions() throws Exception {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("increment"), act("mount"),
        act("onConnect"), """
        public TodoState disconnected;

        public void onDisconnect(TodoState s, Context ctx) {
          disconnected = s;
        }

        public String helper(int x) {
          return "not an action";
        }

        private TodoState internal(TodoState s) {
          return s;
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    Live live = load(c);
    assertEquals(Set.of("increment", "Increment"), live.actions.names());
    assertEquals("mount", get(live.actions.mount(live.state("", 0), null), "last"));
    assertEquals("onConnect", get(live.actions.onConnect(live.state("", 0), null), "last"));
    Object last = live.state("bye", 3);
    live.actions.onDisconnect(last, null);
    assertSame(last, live.controller.getClass().getField("disconnected").get(live.controller));
    for (String lifecycle : List.of("mount", "onConnect", "onDisconnect", "on_connect")) {
      assertThrows(Actions.UnknownActionException.class,
          () -> live.run(lifecycle, live.state("", 0)));
    }
  }

  @Test
  void withoutLifecycleMethodsTheDefaultsKeepTheState() throws Exception {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("increment")));
    assertThat(c).succeededWithoutWarnings();
    Live live = load(c);
    Object s = live.state("x", 1);
    assertSame(s, live.actions.mount(s, null));
    assertSame(s, live.actions.onConnect(s, null));
    assertSame(s, live.actions.withPageData(s, FieldErrors.of(Map.of("a", "b")), Flash.none()));
  }

  @Test
  void aControllerWithOnlyLifecycleMethodsAnswersNoAction() throws Exception {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("mount")));
    assertThat(c).succeededWithoutWarnings();
    Live live = load(c);
    assertEquals(Set.of(), live.actions.names());
    assertEquals("mount", get(live.actions.mount(live.state("", 0), null), "last"));
    assertThrows(Actions.UnknownActionException.class, () -> live.run("mount", live.state("", 0)));
  }

  @Test
  void handlerFactoriesHaveTheDocumentedSignatures() throws Exception {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("increment")));
    assertThat(c).succeededWithoutWarnings();
    GeneratedLoader loader = new GeneratedLoader(c);
    Class<?> live = loader.loadClass("app.TodoControllerLive");
    Class<?> controller = loader.loadClass("app.TodoController");
    Class<?> state = loader.loadClass("app.TodoState");
    assertTrue(Modifier.isFinal(live.getModifiers()) && Modifier.isPublic(live.getModifiers()));
    Method handler = live.getMethod("handler", controller, state);
    Method builder = live.getMethod("builder", controller, state);
    assertTrue(Modifier.isStatic(handler.getModifiers()) && Modifier.isStatic(builder.getModifiers()));
    assertEquals("io.github.livetemplate.undertow.LiveHandler", handler.getReturnType().getName());
    assertEquals("io.github.livetemplate.undertow.LiveHandler$Builder", builder.getReturnType().getName());
    assertTrue(handler.getGenericReturnType().getTypeName().endsWith("<app.TodoState>"));
    assertTrue(builder.getGenericReturnType().getTypeName().endsWith("<app.TodoState>"));
  }

  @Test
  void withoutTheUndertowModuleOnlyTheDispatcherIsGenerated() throws Exception {
    String classPath = classPathWithoutUndertow();
    Compilation c = compileWith(List.of("-classpath", classPath), STATE,
        SIMPLE_TEMPLATE, controller(act("increment")));
    assertThat(c).succeededWithoutWarnings();
    String source = c.generatedSourceFile("app.TodoControllerLive").orElseThrow()
        .getCharContent(false).toString();
    assertFalse(source.contains("LiveHandler"), source);
    Live live = load(c);
    assertFalse(List.of(live.actions.getClass().getMethods()).stream()
        .anyMatch(m -> m.getName().equals("handler") || m.getName().equals("builder")));
    assertEquals("increment", get(live.run("increment", live.state("", 0)), "last"));
  }

  @Test
  void inheritedAndStaticNestedControllersWork() throws Exception {
    JavaFileObject base = JavaFileObjects.forSourceString("app.BaseController", """
        package app;

        import io.github.livetemplate.runtime.Context;

        public abstract class BaseController {
          public TodoState reset(TodoState s, Context ctx) {
            return new TodoState("reset", 0);
          }
        }
        """);
    JavaFileObject outer = JavaFileObjects.forSourceString("app.Pages", """
        package app;

        import io.github.livetemplate.runtime.Context;
        import io.github.livetemplate.LiveController;

        public final class Pages {
          @LiveController
          public static class Todos extends BaseController {
            public TodoState add(TodoState s, Context ctx) {
              return new TodoState("add", s.count() + 1);
            }
          }
        }
        """);
    Compilation c = compileSources(SIMPLE_TEMPLATE, base, outer);
    assertThat(c).succeededWithoutWarnings();
    GeneratedLoader loader = new GeneratedLoader(c);
    Class<?> ctrl = loader.loadClass("app.Pages$Todos");
    @SuppressWarnings("unchecked")
    Actions<Object> actions = (Actions<Object>) loader.loadClass("app.TodosLive")
        .getConstructor(ctrl).newInstance(ctrl.getConstructor().newInstance());
    assertEquals(Set.of("add", "Add", "reset", "Reset"), actions.names());
    Object s = loader.loadClass("app.TodoState").getConstructor(String.class, int.class)
        .newInstance("", 5);
    assertEquals("reset", get(actions.run("reset", s, null), "last"));
  }

  @Test
  void codeInTheSameCompilationCanUseTheGeneratedFactories() {
    JavaFileObject app = JavaFileObjects.forSourceString("app.Main", """
        package app;

        import io.github.livetemplate.undertow.LiveHandler;

        public final class Main {
          static LiveHandler<TodoState> page() {
            return TodoControllerLive.builder(new TodoController(), new TodoState("", 0))
                .webSocket(false)
                .build();
          }

          static LiveHandler<TodoState> simple() {
            return TodoControllerLive.handler(new TodoController(), new TodoState("", 0));
          }
        }
        """);
    Compilation c = compileSources(SIMPLE_TEMPLATE, controller(act("add")), app);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void stateRecordFromAnEarlierCompilationIsReadFromTheClassPath() throws Exception {
    // First compilation: the state record alone, as a library jar would hold it.
    Path lib = root.resolve("lib");
    Compilation first = compileWithState(STATE, SIMPLE_TEMPLATE);
    assertThat(first).succeededWithoutWarnings();
    for (JavaFileObject f : first.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.toUri().getPath();
        Path out = lib.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + 13));
        Files.createDirectories(out.getParent());
        try (InputStream in = f.openInputStream()) {
          Files.write(out, in.readAllBytes());
        }
      }
    }
    Files.createDirectories(lib.resolve("app"));
    Files.writeString(lib.resolve(PATH), "<button name=\"delet\">x</button>",
        StandardCharsets.UTF_8);
    List<java.io.File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      classpath.add(new java.io.File(entry));
    }
    classpath.add(lib.toFile());
    Compilation second = Compiler.javac().withProcessors(new LiveTemplateProcessor())
        .withClasspath(classpath)
        .compile(controller(act("delete")));
    // The template comes from the class path too, and is checked.
    assertThat(second).failed();
    assertShape(onlyError(second), 1, 15, "TodoController has no action \"delet\" (did you mean "
        + "\"delete\"?)", "<button name=\"delet\">x</button>");
    Files.writeString(lib.resolve(PATH), "<button name=\"delete\">x</button>",
        StandardCharsets.UTF_8);
    Compilation ok = Compiler.javac().withProcessors(new LiveTemplateProcessor())
        .withClasspath(classpath)
        .compile(controller(act("delete")));
    assertThat(ok).succeededWithoutWarnings();
  }

  @Test
  void stateRecordFromTheClassPathWithoutItsTemplateIsAWarning() throws Exception {
    Path lib = root.resolve("lib");
    Compilation first = compileWithState(STATE, SIMPLE_TEMPLATE);
    for (JavaFileObject f : first.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.toUri().getPath();
        Path out = lib.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + 13));
        Files.createDirectories(out.getParent());
        try (InputStream in = f.openInputStream()) {
          Files.write(out, in.readAllBytes());
        }
      }
    }
    List<java.io.File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      classpath.add(new java.io.File(entry));
    }
    classpath.add(lib.toFile());
    Compilation c = Compiler.javac().withProcessors(new LiveTemplateProcessor())
        .withClasspath(classpath)
        .compile(controller(act("delete")));
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("the actions TodoController needs were not checked against "
        + "its template: template app/todo.tmpl not found");
  }

  // ------------------------------------------------------------------ withPageData

  @Test
  void withPageDataReplacesFieldErrorsAndFlashComponentsInOrder() throws Exception {
    String state = """
        package app;

        import io.github.livetemplate.runtime.FieldErrors;
        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;
        import java.util.List;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String last, FieldErrors errors, int count, Flash flash,
            List<String> items) {}
        """;
    Compilation c = compileWithState(state, SIMPLE_TEMPLATE, controller("""
        public TodoState add(TodoState s, Context ctx) {
          return s;
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    GeneratedLoader loader = new GeneratedLoader(c);
    Class<?> ctrl = loader.loadClass("app.TodoController");
    @SuppressWarnings("unchecked")
    Actions<Object> actions = (Actions<Object>) loader.loadClass("app.TodoControllerLive")
        .getConstructor(ctrl).newInstance(ctrl.getConstructor().newInstance());
    Class<?> type = loader.loadClass("app.TodoState");
    List<String> items = List.of("a");
    Object s = type.getConstructor(String.class, FieldErrors.class, int.class, Flash.class,
        List.class).newInstance("t", FieldErrors.none(), 7, Flash.none(), items);
    FieldErrors errors = FieldErrors.of(Map.of("title", "required"));
    Flash flash = Flash.of(Map.of("saved", "Saved"));
    Object next = actions.withPageData(s, errors, flash);
    assertNotSame(s, next);
    assertEquals("t", get(next, "last"));
    assertSame(errors, get(next, "errors"));
    assertEquals(7, get(next, "count"));
    assertSame(flash, get(next, "flash"));
    assertSame(items, get(next, "items"));
    // Unchanged page data: the same state comes back.
    assertSame(next, actions.withPageData(next, errors, flash));
  }

  @Test
  void withPageDataWithOnlyAFlashComponent() throws Exception {
    String state = """
        package app;

        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("todo.tmpl")
        public record TodoState(Flash flash, String last) {}
        """;
    Compilation c = compileWithState(state, "<p>{{.Last}}</p>", controller("""
        public TodoState add(TodoState s, Context ctx) {
          return s;
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    GeneratedLoader loader = new GeneratedLoader(c);
    Class<?> ctrl = loader.loadClass("app.TodoController");
    @SuppressWarnings("unchecked")
    Actions<Object> actions = (Actions<Object>) loader.loadClass("app.TodoControllerLive")
        .getConstructor(ctrl).newInstance(ctrl.getConstructor().newInstance());
    Object s = loader.loadClass("app.TodoState").getConstructor(Flash.class, String.class)
        .newInstance(Flash.none(), "x");
    Flash flash = Flash.of(Map.of("k", "v"));
    Object next = actions.withPageData(s, FieldErrors.of(Map.of("a", "b")), flash);
    assertSame(flash, get(next, "flash"));
    assertEquals("x", get(next, "last"));
  }

  // ------------------------------------------------------------------ @Persist

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String PERSIST_STATE = """
      package app;

      import io.github.livetemplate.LiveTemplate;
      import io.github.livetemplate.Persist;
      import java.util.List;

      @LiveTemplate("todo.tmpl")
      public record TodoState(String last, @Persist List<Item> items, @Persist int count,
          @Persist String note, String draft) {
        public record Item(String text, boolean done) {}
      }
      """;

  private static final JavaFileObject PERSIST_CONTROLLER = controller("""
      public TodoState add(TodoState s, Context ctx) {
        return s;
      }
      """);

  @Test
  void persistedFieldsAreThePersistComponentsInOrderNullsIncluded() throws Exception {
    Compilation c = compileWithState(PERSIST_STATE, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
    assertThat(c).succeededWithoutWarnings();
    Persisted p = persisted(c);
    List<?> items = List.of(p.item("a", true));
    Map<String, Object> fields = p.actions.persistedFields(p.state("t", items, 3, null, "d"));
    assertEquals(List.of("items", "count", "note"), new ArrayList<>(fields.keySet()));
    assertSame(items, fields.get("items"));
    assertEquals(3, fields.get("count"));
    assertTrue(fields.containsKey("note"));
    assertEquals(null, fields.get("note"));
  }

  @Test
  void restorePersistedReplacesOnlyTheStoredComponents() throws Exception {
    Compilation c = compileWithState(PERSIST_STATE, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
    assertThat(c).succeededWithoutWarnings();
    Persisted p = persisted(c);
    List<?> items = List.of(p.item("a", false));
    Object s = p.state("t", items, 3, "keep", "d");
    // A stored null (or a value that no longer reads back) keeps the state's own value.
    Map<String, Object> stored = new HashMap<>();
    stored.put("count", 9);
    stored.put("note", null);
    stored.put("unknown", "ignored");
    Object next = p.actions.restorePersisted(s, new FakeStored(stored));
    assertEquals("t", get(next, "last"));
    assertSame(items, get(next, "items"));
    assertEquals(9, get(next, "count"));
    assertEquals("keep", get(next, "note"));
    assertEquals("d", get(next, "draft"));
    // Nothing stored: the same state comes back.
    assertSame(s, p.actions.restorePersisted(s, new FakeStored(Map.of())));
    // Strings are read as the component type, as the runtime does with JSON.
    Object fromText = p.actions.restorePersisted(s, new FakeStored(Map.of("count", "12",
        "note", "new")));
    assertEquals(12, get(fromText, "count"));
    assertEquals("new", get(fromText, "note"));
    assertSame(items, get(fromText, "items"));
  }

  @Test
  void persistedListOfRecordsRoundTripsThroughJson() throws Exception {
    Compilation c = compileWithState(PERSIST_STATE, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
    assertThat(c).succeededWithoutWarnings();
    Persisted p = persisted(c);
    List<?> items = List.of(p.item("milk", true), p.item("eggs", false));
    Object before = p.state("old page", items, 5, "n", "draft");
    String json = MAPPER.writeValueAsString(p.actions.persistedFields(before));
    assertEquals("{\"items\":[{\"text\":\"milk\",\"done\":true},{\"text\":\"eggs\","
        + "\"done\":false}],\"count\":5,\"note\":\"n\"}", json);
    Map<String, Object> stored = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
    Object fresh = p.state("new page", List.of(), 0, null, "other draft");
    Object restored = p.actions.restorePersisted(fresh, new FakeStored(stored));
    assertEquals(items, get(restored, "items"));
    assertEquals(p.itemType, ((List<?>) get(restored, "items")).get(0).getClass());
    assertEquals(5, get(restored, "count"));
    assertEquals("n", get(restored, "note"));
    assertEquals("new page", get(restored, "last"));
    assertEquals("other draft", get(restored, "draft"));
  }

  @Test
  void persistedPrimitivesAndComponentsNamedLikeTheParameters() throws Exception {
    String state = """
        package app;

        import io.github.livetemplate.LiveTemplate;
        import io.github.livetemplate.Persist;

        @LiveTemplate("todo.tmpl")
        public record TodoState(@Persist int state, String last, @Persist long stored,
            @Persist boolean on) {}
        """;
    Compilation c = compileWithState(state, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
    assertThat(c).succeededWithoutWarnings();
    GeneratedLoader loader = new GeneratedLoader(c);
    Class<?> ctrl = loader.loadClass("app.TodoController");
    @SuppressWarnings("unchecked")
    Actions<Object> actions = (Actions<Object>) loader.loadClass("app.TodoControllerLive")
        .getConstructor(ctrl).newInstance(ctrl.getConstructor().newInstance());
    Object s = loader.loadClass("app.TodoState")
        .getConstructor(int.class, String.class, long.class, boolean.class)
        .newInstance(1, "x", 2L, false);
    assertEquals(List.of("state", "stored", "on"),
        new ArrayList<>(actions.persistedFields(s).keySet()));
    assertEquals(1, actions.persistedFields(s).get("state"));
    Map<String, Object> stored = new HashMap<>();
    stored.put("state", 7);
    stored.put("stored", null);
    stored.put("on", true);
    Object next = actions.restorePersisted(s, new FakeStored(stored));
    assertEquals(7, get(next, "state"));
    assertEquals("x", get(next, "last"));
    assertEquals(2L, get(next, "stored"));
    assertEquals(true, get(next, "on"));
  }

  @Test
  void persistingFieldErrorsOrFlashIsAnErrorOnTheComponent() {
    String state = """
        package app;

        import io.github.livetemplate.runtime.FieldErrors;
        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;
        import io.github.livetemplate.Persist;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String last,
            @Persist FieldErrors errors,
            @Persist Flash flash) {}
        """;
    Compilation c = compileWithState(state, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("@Persist component errors of TodoState is a FieldErrors: "
        + "FieldErrors/Flash components are filled per connection and cannot be persisted")
        .inFile(JavaFileObjects.forSourceString("app.TodoState", state)).onLine(10);
    assertThat(c).hadErrorContaining("@Persist component flash of TodoState is a Flash: "
        + "FieldErrors/Flash components are filled per connection and cannot be persisted")
        .inFile(JavaFileObjects.forSourceString("app.TodoState", state)).onLine(11);
  }

  @Test
  void withoutPersistNeitherMethodIsGenerated() throws Exception {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("increment")));
    assertThat(c).succeededWithoutWarnings();
    String source = c.generatedSourceFile("app.TodoControllerLive").orElseThrow()
        .getCharContent(false).toString();
    assertFalse(source.contains("persistedFields"), source);
    assertFalse(source.contains("restorePersisted"), source);
    Live live = load(c);
    Object s = live.state("x", 1);
    assertEquals(Map.of(), live.actions.persistedFields(s));
    assertSame(s, live.actions.restorePersisted(s, new FakeStored(Map.of("count", 5))));
  }

  /** The persist test state's generated classes, loaded. */
  private static Persisted persisted(Compilation c) throws Exception {
    GeneratedLoader loader = new GeneratedLoader(c);
    Class<?> ctrl = loader.loadClass("app.TodoController");
    @SuppressWarnings("unchecked")
    Actions<Object> actions = (Actions<Object>) loader.loadClass("app.TodoControllerLive")
        .getConstructor(ctrl).newInstance(ctrl.getConstructor().newInstance());
    return new Persisted(loader.loadClass("app.TodoState"),
        loader.loadClass("app.TodoState$Item"), actions);
  }

  private record Persisted(Class<?> stateType, Class<?> itemType, Actions<Object> actions) {
    Object state(String last, List<?> items, int count, String note, String draft)
        throws Exception {
      return stateType.getConstructor(String.class, List.class, int.class, String.class,
          String.class).newInstance(last, items, count, note, draft);
    }

    Object item(String text, boolean done) throws Exception {
      return itemType.getConstructor(String.class, boolean.class).newInstance(text, done);
    }
  }

  /**
   * Stored values as the runtime holds them (parsed JSON, or anything Jackson converts), read
   * back like the runtime does; null when a value does not read as the type.
   */
  private static final class FakeStored implements PersistedFields {
    private final Map<String, Object> values;

    FakeStored(Map<String, Object> values) {
      this.values = values;
    }

    @Override
    public boolean has(String name) {
      return values.containsKey(name);
    }

    @Override
    public <T> T get(String name, TypeRef<T> type) {
      try {
        return MAPPER.convertValue(values.get(name), MAPPER.constructType(type.type()));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  // ------------------------------------------------------------------ controller checks

  @Test
  void wrongActionSignaturesExplainTheExpectedShape() {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("ok"), """
        public TodoState noContext(TodoState s) {
          return s;
        }

        public void noResult(TodoState s, Context ctx) {
        }

        public TodoState extra(TodoState s, Context ctx, int n) {
          return s;
        }

        public String wrongResult(TodoState s, Context ctx) {
          return "";
        }

        @Action("go")
        public TodoState annotated(Context ctx) {
          return null;
        }

        public TodoState swapped(Context ctx, TodoState s) {
          return s;
        }
        """));
    assertThat(c).failed();
    List<String> errors = errors(c);
    assertHas(errors, "action noContext has the wrong signature: expected public TodoState "
        + "noContext(TodoState state, Context ctx), found public TodoState noContext(TodoState)");
    assertHas(errors, "action noResult has the wrong signature: expected public TodoState "
        + "noResult(TodoState state, Context ctx), found public void noResult(TodoState, Context)");
    assertHas(errors, "action extra has the wrong signature");
    assertHas(errors, "found public String wrongResult(TodoState, Context) (it must return the "
        + "new state");
    assertHas(errors, "action annotated has the wrong signature");
    assertHas(errors, "action swapped has the wrong signature");
    assertEquals(6, errors.size(), String.join("\n", errors));
  }

  @Test
  void staticOrNonPublicActionsAreErrors() {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("ok"), """
        public static TodoState shared(TodoState s, Context ctx) {
          return s;
        }

        @Action("hidden")
        TodoState hidden(TodoState s, Context ctx) {
          return s;
        }
        """));
    assertThat(c).failed();
    List<String> errors = errors(c);
    assertHas(errors, "action shared cannot be static");
    assertHas(errors, "action hidden must be public");
    assertEquals(2, errors.size(), String.join("\n", errors));
  }

  @Test
  void wrongLifecycleSignatures() {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("ok"), """
        public void mount(TodoState s, Context ctx) {
        }

        public TodoState onDisconnect(TodoState s, Context ctx) {
          return s;
        }

        public TodoState onConnect(TodoState s) {
          return s;
        }
        """));
    assertThat(c).failed();
    List<String> errors = errors(c);
    assertHas(errors, "lifecycle method mount has the wrong signature: expected public TodoState "
        + "mount(TodoState state, Context ctx), found public void mount(TodoState, Context)");
    assertHas(errors, "lifecycle method onDisconnect has the wrong signature: expected public "
        + "void onDisconnect(TodoState state, Context ctx)");
    assertHas(errors, "lifecycle method onConnect has the wrong signature");
    assertEquals(3, errors.size(), String.join("\n", errors));
  }

  @Test
  void onDisconnectCannotThrowCheckedExceptionsAndLifecycleCannotBeAnAction() {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("ok"), """
        public void onDisconnect(TodoState s, Context ctx) throws Exception {
        }

        @Action("start")
        public TodoState mount(TodoState s, Context ctx) {
          return s;
        }
        """));
    assertThat(c).failed();
    List<String> errors = errors(c);
    assertHas(errors, "onDisconnect cannot throw checked exceptions");
    assertHas(errors, "mount is a lifecycle method, not an action");
  }

  @Test
  void recordWithoutLiveTemplateIsExplained() {
    JavaFileObject other = JavaFileObjects.forSourceString("app.Plain",
        "package app; public record Plain(int n) {}");
    Compilation c = compileSources(SIMPLE_TEMPLATE, other, controller(act("ok"), """
        public Plain other(Plain s, Context ctx) {
          return s;
        }
        """));
    assertThat(c).failed();
    assertHas(errors(c), "(Plain is a record but has no @LiveTemplate annotation)");
  }

  @Test
  void allMethodsMustUseOneStateRecord() {
    JavaFileObject other = JavaFileObjects.forSourceString("app.OtherState", """
        package app;

        @io.github.livetemplate.LiveTemplate("todo.tmpl")
        public record OtherState(String last, int count) {}
        """);
    Compilation c = compileSources(SIMPLE_TEMPLATE, other, controller(act("add"), """
        public OtherState remove(OtherState s, Context ctx) {
          return s;
        }
        """));
    assertThat(c).failed();
    assertHas(errors(c), "all actions and lifecycle methods of TodoController must use one state "
        + "record: remove uses OtherState but add uses TodoState");
  }

  @Test
  void twoMethodsClaimingOneNameAreAnError() {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("saveDraft"), act("save_draft"),
        act("delete"), "@Action(\"delete\")\n" + act("remove")));
    assertThat(c).failed();
    List<String> errors = errors(c);
    assertHas(errors, "action names \"save_draft\", \"saveDraft\", \"save-draft\", \"SaveDraft\" are "
        + "claimed by both saveDraft() and save_draft()");
    assertHas(errors, "action name \"delete\" is claimed by both delete() and remove()");
  }

  @Test
  void reservedAndEmptyExplicitNamesAreErrors() {
    Compilation c = compile(SIMPLE_TEMPLATE, controller(act("ok"),
        "@Action(\"__ping__\")\n" + act("ping"), "@Action(\"\")\n" + act("nothing")));
    assertThat(c).failed();
    List<String> errors = errors(c);
    assertHas(errors, "action name \"__ping__\" is reserved");
    assertHas(errors, "@Action needs a non-empty name");
  }

  @Test
  void controllerClassShapeIsChecked() {
    JavaFileObject nonPublic = JavaFileObjects.forSourceString("app.Hidden", """
        package app;

        import io.github.livetemplate.runtime.Context;

        @io.github.livetemplate.LiveController
        class Hidden {
          public TodoState a(TodoState s, Context ctx) { return s; }
        }
        """);
    JavaFileObject abstractOne = JavaFileObjects.forSourceString("app.Abstract", """
        package app;

        import io.github.livetemplate.runtime.Context;

        @io.github.livetemplate.LiveController
        public abstract class Abstract {
          public TodoState a(TodoState s, Context ctx) { return s; }
        }
        """);
    JavaFileObject inner = JavaFileObjects.forSourceString("app.Outer", """
        package app;

        import io.github.livetemplate.runtime.Context;

        public class Outer {
          @io.github.livetemplate.LiveController
          public class Inner {
            public TodoState a(TodoState s, Context ctx) { return s; }
          }
        }
        """);
    JavaFileObject empty = JavaFileObjects.forSourceString("app.Empty", """
        package app;

        @io.github.livetemplate.LiveController
        public class Empty {
          public String hello() { return "hi"; }
        }
        """);
    JavaFileObject iface = JavaFileObjects.forSourceString("app.Iface", """
        package app;

        @io.github.livetemplate.LiveController
        public interface Iface {}
        """);
    Compilation c = compileSources(SIMPLE_TEMPLATE, nonPublic, abstractOne, inner, empty, iface);
    assertThat(c).failed();
    List<String> errors = errors(c);
    assertHas(errors, "@LiveController class Hidden must be public");
    assertHas(errors, "@LiveController class Abstract cannot be abstract");
    assertHas(errors, "@LiveController class Inner must be a top-level class or a static nested "
        + "class");
    assertHas(errors, "Empty has no actions");
    assertHas(errors, "@LiveController must annotate a class");
  }

  // ------------------------------------------------------------------ template action check

  @Test
  void unknownActionIsReportedAtTheTemplatePositionWithASuggestion() {
    String t = "<h1>{{.Last}}</h1>\n<p>{{.Count}}</p>\n  <button name=\"delet\">Delete</button>\n";
    Compilation c = compile(t, controller(act("delete"), act("add")));
    assertThat(c).failed();
    Diagnostic<? extends JavaFileObject> d = onlyError(c);
    assertShape(d, 3, 17, "TodoController has no action \"delet\" (did you mean \"delete\"?)",
        "  <button name=\"delet\">Delete</button>");
    // Attached to the controller class.
    assertTrue(d.getSource().getName().endsWith("TodoController.java"), d.getSource().getName());
  }

  @Test
  void positionsAfterDynamicPartsOnTheSameLine() {
    String line = "<p>{{.Count}}</p> <div>{{.Last}}</div> <span lvt-on:click=\"tggle\">x</span>";
    Compilation c = compile("<h1>x</h1>\n" + line + "\n", controller(act("toggle")));
    assertThat(c).failed();
    int col = line.indexOf("tggle") + 1;
    assertShape(onlyError(c), 2, col, "TodoController has no action \"tggle\" (did you mean "
        + "\"toggle\"?)", line);
  }

  @Test
  void orphanButtonWithoutSuggestionTellsHowToAddTheAction() {
    String t = "<div>\n<button name=\"frobnicate\" value=\"1\">F</button>\n</div>";
    Compilation c = compile(t, controller(act("add")));
    assertThat(c).failed();
    assertEquals(PATH + ":2:15: error: TodoController has no action \"frobnicate\": <button "
        + "name=\"frobnicate\"> sends it; add public TodoState frobnicate(TodoState state, "
        + "Context ctx) to TodoController", firstLine(onlyError(c)));
  }

  @Test
  void kebabActionWithoutMatchSuggestsTheCamelCaseMethod() {
    Compilation c = compile("<div lvt-on:click=\"clear-all\"></div>", controller(act("add")));
    assertThat(c).failed();
    assertTrue(firstLine(onlyError(c)).endsWith("lvt-on:click=\"clear-all\" sends it; add public "
        + "TodoState clearAll(TodoState state, Context ctx) to TodoController"));
  }

  @Test
  void eventAttributesAreChecked() {
    String t = """
        <div lvt-on:click="toggle" data-id="1">x</div>
        <input name="q" lvt-on:input="search" lvt-mod:debounce="200">
        <div lvt-on:window:keydown="hotkey" lvt-key="Ctrl+k"></div>
        <div lvt-on:dragover=""></div>
        """;
    Compilation c = compile(t, controller(act("add")));
    assertThat(c).failed();
    assertEquals(List.of("1:20 toggle", "2:31 search", "3:29 hotkey"), where(c));
    // With the actions present the page compiles; snake and kebab spellings resolve too.
    Compilation ok = compile(t.replace("hotkey", "hot-key"),
        controller(act("toggle"), act("search"), act("hotKey")));
    assertThat(ok).succeededWithoutWarnings();
  }

  @Test
  void formActionWinsOverButtonNames() {
    String t = """
        <form lvt-form:action="archive">
          <input name="title">
          <button name="whatever">Go</button>
        </form>
        """;
    Compilation c = compile(t, controller(act("add")));
    assertThat(c).failed();
    assertEquals(List.of(PATH + ":1:24: error: TodoController has no action \"archive\": "
        + "lvt-form:action=\"archive\" sends it; add public TodoState archive(TodoState state, "
        + "Context ctx) to TodoController"), errorLines(c));
    assertThat(compile(t, controller(act("archive")))).succeededWithoutWarnings();
  }

  @Test
  void lvtOnSubmitWinsOverEverythingElse() {
    String t = """
        <form name="x" lvt-on:submit="save" lvt-form:action="y">
          <button name="z">Go</button>
        </form>
        """;
    assertThat(compile(t, controller(act("save")))).succeededWithoutWarnings();
  }

  @Test
  void namelessFormRequiresSubmit() {
    String t = "<p>{{.Last}}</p>\n  <form method=\"post\">\n    <input name=\"title\">\n"
        + "    <button>Save</button>\n  </form>\n";
    Compilation c = compile(t, controller(act("add")));
    assertThat(c).failed();
    Diagnostic<? extends JavaFileObject> d = onlyError(c);
    assertEquals(PATH + ":2:3: error: TodoController has no action \"submit\": a <form> without "
        + "lvt-on:submit, lvt-form:action, a name or a named submit button sends \"submit\"; add "
        + "public TodoState submit(TodoState state, Context ctx) to TodoController",
        firstLine(d));
    assertThat(compile(t, controller(act("submit")))).succeededWithoutWarnings();
  }

  @Test
  void formNameAndSubmitButtonNamesAreChecked() {
    String t = """
        <form name="add">
          <input name="text">
          <button name="add">Add</button>
          <button type="submit" name="addTop">Add on top</button>
          <input type="submit" name="add_many" value="Many">
          <button type="button" name="notSent" lvt-on:click="preview">Preview</button>
          <button type="reset" name="alsoNotSent">Reset</button>
        </form>
        <form id="ext" name="ext"></form>
        <button form="ext" name="outside">Outside</button>
        """;
    Compilation c = compile(t, controller(act("add")));
    assertThat(c).failed();
    List<String> names = errorLines(c).stream()
        .map(e -> e.replaceAll("^[^\"]*\"([^\"]*)\".*", "$1")).toList();
    assertEquals(List.of("addTop", "add_many", "preview", "ext", "outside"), names);
    assertThat(compile(t, controller(act("add"), act("addTop"), act("addMany"), act("preview"),
        act("ext"), act("outside")))).succeededWithoutWarnings();
  }

  @Test
  void reservedNamesAreAlwaysAccepted() {
    String t = """
        <input name="q" lvt-on:input="change">
        <button name="__navigate__">Go</button>
        <button lvt-on:click="__ping__">Ping</button>
        <button lvt-on:click="upload_start">U</button>
        <button lvt-on:click="upload_chunk">U</button>
        <button lvt-on:click="upload_complete">U</button>
        <button lvt-on:click="cancel_upload">U</button>
        <form lvt-persist="todos"><input name="t"></form>
        <button type="reset" name="resetOutside">R</button>
        <button name="dialogOnly" commandfor="dlg">Open</button>
        """;
    assertThat(compile(t, controller(act("add")))).succeededWithoutWarnings();
  }

  @Test
  void loadMoreAndSubmitMustExistWhenSent() {
    String t = "<ul></ul>\n<div lvt-scroll-sentinel></div>\n";
    Compilation c = compile(t, controller(act("add")));
    assertThat(c).failed();
    assertEquals(PATH + ":2:6: error: TodoController has no action \"load_more\": "
        + "lvt-scroll-sentinel sends \"load_more\" when it scrolls into view; add public TodoState "
        + "loadMore(TodoState state, Context ctx) to TodoController", firstLine(onlyError(c)));
    assertThat(compile(t, controller(act("loadMore")))).succeededWithoutWarnings();
  }

  @Test
  void dynamicAttributeValuesAreSkipped() {
    String t = """
        <button name="{{.Last}}">a</button>
        <button name="x-{{.Last}}">b</button>
        <button name=pre{{.Last}}>c</button>
        <div lvt-on:click="{{if .Count}}inc{{else}}dec{{end}}"></div>
        <div lvt-on:click={{.Last}}></div>
        <form><button name="{{.Last}}">named at run time</button></form>
        <form name="{{.Last}}"></form>
        <form lvt-form:action="{{.Last}}"><button name="ignored">x</button></form>
        """;
    assertThat(compile(t, controller(act("add")))).succeededWithoutWarnings();
  }

  @Test
  void noInterceptFormsCommentsAndScriptsAreSkipped() {
    String t = """
        <form method="post" lvt-form:no-intercept lvt-on:submit="native">
          <button name="nativeButton">Native</button>
        </form>
        <!-- <button name="commented">x</button> -->
        {{/* <button name="templateComment">x</button> */}}
        <script>const html = '<button name="inScript">';</script>
        <textarea><button name="inTextarea"></textarea>
        """;
    assertThat(compile(t, controller(act("add")))).succeededWithoutWarnings();
  }

  @Test
  void branchesRangesAndDefinedTemplatesAreChecked() {
    String t = """
        {{define "row"}}<button name="rowAction">r</button>{{end}}
        {{define "unused"}}<div lvt-on:click="unusedAction"></div>{{end}}
        {{define "inForm"}}<button name="fromDefine">d</button>{{end}}
        {{if .Count}}<div lvt-on:click="thenAction"></div>{{else}}<div lvt-on:click="elseAction"></div>{{end}}
        {{range $i := .Last}}{{template "row" .}}{{end}}
        {{with .Last}}<div lvt-on:click="withAction"></div>{{end}}
        <form>{{template "inForm"}}</form>
        """;
    String state = """
        package app;

        import io.github.livetemplate.LiveTemplate;
        import java.util.List;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String last, int count, List<String> items) {}
        """;
    Compilation c = compileWithState(state, t.replace("{{range $i := .Last}}",
        "{{range $i := .Items}}"), controller("""
        public TodoState add(TodoState s, Context ctx) {
          return s;
        }
        """));
    assertThat(c).failed();
    List<String> names = errorLines(c).stream()
        .map(e -> e.replaceAll("^[^\"]*\"([^\"]*)\".*", "$1")).sorted().toList();
    // The defined button inside the form names it, so the form does not send "submit".
    assertEquals(List.of("elseAction", "fromDefine", "rowAction", "thenAction", "unusedAction",
        "withAction"), names);
  }

  @Test
  void snakeAndPascalNamesInTheTemplateMatchCamelCaseMethods() {
    String t = """
        <button name="save_draft">a</button>
        <button name="SaveDraft">b</button>
        <div lvt-on:click="save-draft"></div>
        <button lvt-on:click="clear-done">c</button>
        """;
    assertThat(compile(t, controller(act("saveDraft"), "@Action(\"clear-done\")\n"
        + act("clearCompleted")))).succeededWithoutWarnings();
  }

  @Test
  void tagsSplitByDynamicPartsStillRoute() {
    String t = """
        <form name="add" {{if .Count}}class="busy"{{end}}>
          <button {{if .Count}}disabled{{end}} name="addOne">+</button>
        </form>
        """;
    Compilation c = compile(t, controller(act("add")));
    assertThat(c).failed();
    String line = t.lines().toList().get(1);
    assertEquals(List.of("2:" + (line.indexOf("addOne") + 1) + " addOne"), where(c));
  }

  @Test
  void templateErrorsAreReportedOnTheRecordNotTwice() {
    Compilation c = compile("<p>{{.Nope}}</p>", controller(act("add")));
    assertThat(c).failed();
    // The record reports the template error; the controller adds nothing about it.
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertFalse(d.getSource() != null && d.getSource().getName().endsWith("TodoController.java")
          && d.getMessage(Locale.ROOT).contains("Nope"), d.getMessage(Locale.ROOT));
    }
  }

  // ------------------------------------------------------------------ names

  @Test
  void derivedNames() {
    assertEquals(List.of("saveDraft", "save_draft", "save-draft", "SaveDraft"),
        ActionNames.derived("saveDraft"));
    assertEquals(List.of("inc", "Inc"), ActionNames.derived("inc"));
    assertEquals(List.of("loadHTMLPage", "load_html_page", "load-html-page", "LoadHTMLPage"),
        ActionNames.derived("loadHTMLPage"));
    assertEquals(List.of("step2Go", "step2_go", "step2-go", "Step2Go"),
        ActionNames.derived("step2Go"));
    assertEquals("clearDone", ActionNames.methodFor("clear-done"));
    assertEquals("saveDraft", ActionNames.methodFor("SaveDraft"));
    assertEquals(null, ActionNames.methodFor("persist:x"));
  }

  // ------------------------------------------------------------------ golden

  @Test
  void generatedSourceMatchesGolden() throws IOException {
    String state = """
        package app;

        import io.github.livetemplate.runtime.FieldErrors;
        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;
        import java.util.List;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String title, List<String> items, FieldErrors errors,
            Flash flash) {}
        """;
    String template = """
        <form name="add"><input name="text"><button>Add</button></form>
        <ul>{{range .Items}}<li data-key="{{.}}">{{.}} <button name="remove" value="{{.}}">x</button></li>{{end}}</ul>
        <button lvt-on:click="clear-done">Clear done</button>
        """;
    Compilation c = compileWithState(state, template, controller("""
        public TodoState mount(TodoState s, Context ctx) {
          return s;
        }

        public TodoState add(TodoState s, Context ctx) {
          return s;
        }

        public TodoState remove(TodoState s, Context ctx) throws Exception {
          return s;
        }

        @Action("clear-done")
        public TodoState clearCompleted(TodoState s, Context ctx) {
          return s;
        }

        public TodoState saveDraft(TodoState s, Context ctx) {
          return s;
        }

        public void onDisconnect(TodoState s, Context ctx) {
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    String actual = c.generatedSourceFile("app.TodoControllerLive")
        .orElseThrow(() -> new AssertionError("app.TodoControllerLive was not generated"))
        .getCharContent(false).toString();
    Path golden = goldens().resolve("TodoControllerLive.java.txt");
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.isRegularFile(golden), "missing golden " + golden
        + "; run with -Dgoldens.update=true to create it");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
        "generated source differs from " + golden
            + " (run with -Dgoldens.update=true to accept the new output)");
  }

  @Test
  void generatedSourceWithPersistMatchesGolden() throws IOException {
    String state = """
        package app;

        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;
        import io.github.livetemplate.Persist;
        import java.util.List;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String title, @Persist List<Item> items, @Persist int done,
            Flash flash, @Persist String filter) {
          public record Item(String text, boolean done) {}
        }
        """;
    JavaFileObject notes = JavaFileObjects.forSourceString("app.NotesController", """
        package app;

        import io.github.livetemplate.runtime.Context;
        import io.github.livetemplate.LiveController;

        @LiveController
        public class NotesController {
          public TodoState add(TodoState s, Context ctx) {
            return s;
          }
        }
        """);
    Compilation c = compileWithState(state, "<h1>{{.Title}}</h1>\n", notes);
    assertThat(c).succeededWithoutWarnings();
    assertMatchesGolden(c, "app.NotesControllerLive", "NotesControllerLive.java.txt");
  }

  private static void assertMatchesGolden(Compilation c, String className, String file)
      throws IOException {
    String actual = c.generatedSourceFile(className)
        .orElseThrow(() -> new AssertionError(className + " was not generated"))
        .getCharContent(false).toString();
    Path golden = goldens().resolve(file);
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.isRegularFile(golden), "missing golden " + golden
        + "; run with -Dgoldens.update=true to create it");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
        "generated source differs from " + golden
            + " (run with -Dgoldens.update=true to accept the new output)");
  }

  // ------------------------------------------------------------------ helpers

  /** An action method named {@code name} returning a state whose {@code last} is its name. */
  private static String act(String name) {
    return "public TodoState " + name + "(TodoState s, Context ctx) {\n"
        + "  return new TodoState(\"" + name + "\", s.count() + 1);\n}\n";
  }

  private static JavaFileObject controller(String... members) {
    StringBuilder b = new StringBuilder("""
        package app;

        import io.github.livetemplate.Action;
        import io.github.livetemplate.runtime.Context;
        import io.github.livetemplate.LiveController;

        @LiveController
        public class TodoController {
        """);
    for (String m : members) {
      b.append(m.indent(2)).append('\n');
    }
    b.append("}\n");
    return JavaFileObjects.forSourceString("app.TodoController", b.toString());
  }

  private Compilation compile(String template, JavaFileObject... sources) {
    return compileWithState(STATE, template, sources);
  }

  private Compilation compileSources(String template, JavaFileObject... sources) {
    return compileWithState(STATE, template, sources);
  }

  private Compilation compileWithState(String state, String template,
      JavaFileObject... sources) {
    return compileWith(List.of(), state, template, sources);
  }

  private Compilation compileWith(List<String> options, String state, String template,
      JavaFileObject... sources) {
    try {
      Path file = root.resolve(PATH);
      Files.createDirectories(file.getParent());
      Files.writeString(file, template, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<JavaFileObject> all = new ArrayList<>();
    all.add(JavaFileObjects.forSourceString("app.TodoState", state));
    all.addAll(List.of(sources));
    List<String> allOptions = new ArrayList<>(options);
    allOptions.add("-Alivetemplate.templateRoot=" + root);
    return Compiler.javac().withProcessors(new LiveTemplateProcessor())
        .withOptions(allOptions)
        .compile(all);
  }

  /**
   * The test class path with the runtime replaced by a copy lacking {@code LiveHandler}, as an
   * application on another server would compile.
   */
  /** The test class path without the livetemplate-undertow jar (as in a render-only project). */
  private static String classPathWithoutUndertow() throws Exception {
    Path undertow = Path.of(io.github.livetemplate.undertow.LiveHandler.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI()).toAbsolutePath();
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!Path.of(e).toAbsolutePath().equals(undertow)) {
        entries.add(e);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }


  private static List<String> errors(Compilation c) {
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
  }

  /** The first line of each error. */
  private static List<String> errorLines(Compilation c) {
    return c.errors().stream().map(ControllerProcessorTest::firstLine).toList();
  }

  /**
   * The error reads {@code path:line:col: error: message}, then the template line, then a caret
   * under the column (javac indents the two extra lines).
   */
  private static void assertShape(Diagnostic<? extends JavaFileObject> d, int line, int col,
      String message, String source) {
    List<String> lines = d.getMessage(Locale.ROOT).lines().toList();
    assertEquals(3, lines.size(), d.getMessage(Locale.ROOT));
    assertEquals(PATH + ":" + line + ":" + col + ": error: " + message, lines.get(0));
    assertTrue(lines.get(1).endsWith(source), lines.get(1));
    String indent = lines.get(1).substring(0, lines.get(1).length() - source.length());
    assertEquals(indent + " ".repeat(col - 1) + "^", lines.get(2));
  }

  /** {@code line:col name} of each unknown-action error. */
  private static List<String> where(Compilation c) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(
        "^" + java.util.regex.Pattern.quote(PATH) + ":(\\d+:\\d+): error: \\w+ has no action \"([^\"]*)\"");
    List<String> out = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      java.util.regex.Matcher m = p.matcher(d.getMessage(Locale.ROOT));
      out.add(m.find() ? m.group(1) + " " + m.group(2) : d.getMessage(Locale.ROOT));
    }
    return out;
  }

  private static String firstLine(Diagnostic<? extends JavaFileObject> d) {
    return d.getMessage(Locale.ROOT).split("\n", 2)[0];
  }

  private static Diagnostic<? extends JavaFileObject> onlyError(Compilation c) {
    assertEquals(1, c.errors().size(), () -> String.join("\n---\n", errors(c)));
    return c.errors().get(0);
  }

  private static void assertHas(List<String> errors, String fragment) {
    assertTrue(errors.stream().anyMatch(e -> e.contains(fragment)),
        () -> "no error containing\n  " + fragment + "\namong\n  " + String.join("\n  ", errors));
  }

  private static Object get(Object record, String component) throws Exception {
    return record.getClass().getMethod(component).invoke(record);
  }

  /** The generated dispatcher of the standard test controller, loaded and instantiated. */
  private static Live load(Compilation c) throws Exception {
    GeneratedLoader loader = new GeneratedLoader(c);
    Class<?> ctrl = loader.loadClass("app.TodoController");
    Object controller = ctrl.getConstructor().newInstance();
    @SuppressWarnings("unchecked")
    Actions<Object> actions = (Actions<Object>) loader.loadClass("app.TodoControllerLive")
        .getConstructor(ctrl).newInstance(controller);
    return new Live(loader, controller, actions);
  }

  private record Live(GeneratedLoader loader, Object controller, Actions<Object> actions) {
    Object state(String last, int count) throws Exception {
      return loader.loadClass("app.TodoState").getConstructor(String.class, int.class)
          .newInstance(last, count);
    }

    Object run(String name, Object state) throws Exception {
      return actions.run(name, state, null);
    }
  }

  private static Path goldens() {
    String configured = System.getProperty("livetemplate.generatedGoldens");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path dir = Path.of(System.getProperty("user.dir"));
    if (!Files.isDirectory(dir.resolve("src/test/resources"))
        && Files.isDirectory(dir.resolve("processor/src/test/resources"))) {
      dir = dir.resolve("processor");
    }
    return dir.resolve("src/test/resources/generated-goldens");
  }
}
