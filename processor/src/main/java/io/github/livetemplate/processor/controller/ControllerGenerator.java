package io.github.livetemplate.processor.controller;

import static io.github.livetemplate.processor.generate.RuntimeTypes.ACTIONS;
import static io.github.livetemplate.processor.generate.RuntimeTypes.CONTEXT;
import static io.github.livetemplate.processor.generate.RuntimeTypes.FIELD_ERRORS;
import static io.github.livetemplate.processor.generate.RuntimeTypes.FLASH;
import static io.github.livetemplate.processor.generate.RuntimeTypes.LIVE_HANDLER;
import static io.github.livetemplate.processor.generate.RuntimeTypes.LIVE_HANDLER_BUILDER;
import static io.github.livetemplate.processor.generate.RuntimeTypes.PERSISTED_FIELDS;
import static io.github.livetemplate.processor.generate.RuntimeTypes.PROCESSOR;
import static io.github.livetemplate.processor.generate.RuntimeTypes.TYPE_REF;
import static io.github.livetemplate.processor.generate.RuntimeTypes.UNKNOWN_ACTION;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.livetemplate.processor.generate.RuntimeTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Writes {@code <Controller>Live}: the {@code Actions} implementation that dispatches action names
 * to the controller's methods with a {@code switch} (no reflection), delegates the lifecycle
 * methods, fills the state's {@code FieldErrors}/{@code Flash} components, reads and restores its
 * {@code @Persist} components (when it has any), and, when the Undertow {@code LiveHandler} is on
 * the class path, offers {@code handler(...)}/{@code builder(...)} factories for it. Without it the
 * dispatcher stands alone, for other servers.
 */
public final class ControllerGenerator {
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private final ControllerModel m;
    private final TypeName state;
    private final TypeName controller;
    private final ClassName self;
    private final boolean undertow;

    private ControllerGenerator(ControllerModel m, boolean undertow) {
        this.m = m;
        this.undertow = undertow;
        this.state = TypeName.get(m.state().asType());
        this.controller = TypeName.get(m.controller().asType());
        this.self = ClassName.get(packageOf(m.controller()), liveName(m));
    }

    /** The simple name of the generated class. */
    public static String liveName(ControllerModel m) {
        return m.controller().getSimpleName() + "Live";
    }

    /**
     * The generated source file for {@code m}.
     *
     * @param undertow whether the {@code LiveHandler} type exists, so the factories can be written
     */
    public static JavaFile generate(ControllerModel m, boolean undertow) {
        ControllerGenerator g = new ControllerGenerator(m, undertow);
        return JavaFile.builder(g.self.packageName(), g.type())
                .skipJavaLangImports(true)
                .indent("  ")
                .build();
    }

    private TypeSpec type() {
        TypeSpec.Builder type =
                TypeSpec.classBuilder(self)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addSuperinterface(ParameterizedTypeName.get(ACTIONS, state))
                        .addAnnotation(
                                AnnotationSpec.builder(GENERATED)
                                        .addMember("value", "$S", PROCESSOR)
                                        .addMember(
                                                "comments",
                                                "$S",
                                                "from " + m.controller().getQualifiedName())
                                        .build())
                        .addOriginatingElement(m.controller())
                        .addOriginatingElement(m.state())
                        .addJavadoc(classDoc());
        type.addField(
                FieldSpec.builder(
                                ParameterizedTypeName.get(
                                        ClassName.get(Set.class), ClassName.get(String.class)),
                                "NAMES",
                                Modifier.PRIVATE,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc("Every name {@link #run} answers.\n")
                        .initializer(namesInitializer())
                        .build());
        type.addField(
                FieldSpec.builder(controller, "controller", Modifier.PRIVATE, Modifier.FINAL)
                        .build());
        type.addMethod(
                MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc(
                                "Dispatches to {@code controller}, which serves every connection: keep "
                                        + "per-connection data\nin the state.\n")
                        .addParameter(controller, "controller")
                        .addStatement(
                                "this.controller = $T.requireNonNull(controller, $S)",
                                Objects.class,
                                "controller")
                        .build());
        if (undertow) {
            factories(type);
        }
        type.addMethod(
                MethodSpec.methodBuilder("names")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(
                                ParameterizedTypeName.get(
                                        ClassName.get(Set.class), ClassName.get(String.class)))
                        .addStatement("return NAMES")
                        .build());
        type.addMethod(run());
        if (m.mount() != null) {
            type.addMethod(
                    lifecycle(
                            m.mount(),
                            "Prepares the state for a page load, a new connection "
                                    + "or a navigation."));
        }
        if (m.onConnect() != null) {
            type.addMethod(
                    lifecycle(
                            m.onConnect(),
                            "Runs after {@code mount} when a WebSocket " + "connects."));
        }
        if (m.onDisconnect() != null) {
            type.addMethod(
                    MethodSpec.methodBuilder("onDisconnect")
                            .addAnnotation(Override.class)
                            .addModifiers(Modifier.PUBLIC)
                            .addJavadoc("Calls {@link $T#onDisconnect}.\n", controller)
                            .addParameter(state, "state")
                            .addParameter(CONTEXT, "ctx")
                            .addStatement("controller.onDisconnect(state, ctx)")
                            .build());
        }
        MethodSpec pageData = withPageData();
        if (pageData != null) {
            type.addMethod(pageData);
        }
        if (!m.persisted().isEmpty()) {
            type.addMethod(persistedFields());
            type.addMethod(restorePersisted());
        }
        if (!m.uploads().isEmpty()) {
            type.addMethod(uploads());
        }
        return type.build();
    }

    /**
     * {@code handler(...)} and {@code builder(...)}: the Undertow {@code LiveHandler} for the page.
     */
    private void factories(TypeSpec.Builder type) {
        type.addMethod(
                MethodSpec.methodBuilder("handler")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(ParameterizedTypeName.get(LIVE_HANDLER, state))
                        .addJavadoc(
                                "A live page handler for {@code controller} with default settings.\n\n"
                                        + "@param initialState the state {@code mount} starts from for every new session\n")
                        .addParameter(controller, "controller")
                        .addParameter(state, "initialState")
                        .addStatement("return builder(controller, initialState).build()")
                        .build());
        type.addMethod(
                MethodSpec.methodBuilder("builder")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(ParameterizedTypeName.get(LIVE_HANDLER_BUILDER, state))
                        .addJavadoc(
                                "A live page handler builder for {@code controller}, rendering with {@link "
                                        + "$T}.\n\n@param initialState the state {@code mount} starts from for every new "
                                        + "session\n",
                                renderer())
                        .addParameter(controller, "controller")
                        .addParameter(state, "initialState")
                        .addStatement(
                                "return $T.builder(new $T(),$Wnew $T(controller),$WinitialState)",
                                LIVE_HANDLER,
                                renderer(),
                                self)
                        .build());
    }

    private CodeBlock classDoc() {
        CodeBlock.Builder doc =
                CodeBlock.builder()
                        .add(
                                "Runs the actions of {@link $T} for pages with state {@link $T}:\neach action name "
                                        + "is a {@code switch} case calling the method directly, with no reflection.\n\n",
                                controller,
                                state)
                        .add(
                                undertow
                                        ? CodeBlock.of(
                                                "<p>Serve a page with {@code $L.handler(new $L(), "
                                                        + "initialState)}.\n\n",
                                                self.simpleName(),
                                                m.controller().getSimpleName())
                                        : CodeBlock.of(
                                                "<p>Give {@code new $L(new $L())} to the server with the page's "
                                                        + "renderer.\n\n",
                                                self.simpleName(),
                                                m.controller().getSimpleName()));
        if (m.actions().isEmpty()) {
            doc.add("<p>The controller has no actions.\n");
        } else {
            doc.add(
                    "<table>\n  <caption>Actions</caption>\n  <tr><th>names the client may send</th>"
                            + "<th>method</th></tr>\n");
            for (ControllerModel.Action a : m.actions()) {
                doc.add(
                        "  <tr>\n    <td>$L</td>\n    <td>{@link $T#$L}</td>\n  </tr>\n",
                        codeList(a.names()),
                        controller,
                        a.methodName());
            }
            doc.add("</table>\n");
        }
        doc.add(
                "\n<p>Generated by the LiveTemplate annotation processor from {@code $L}:\nedit the "
                        + "controller, not this file.\n",
                m.controller().getSimpleName());
        return doc.build();
    }

    private static String codeList(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add("{@code " + n + "}");
        }
        return String.join(", ", out);
    }

    private CodeBlock namesInitializer() {
        List<String> names = new ArrayList<>(m.allNames());
        if (names.isEmpty()) {
            return CodeBlock.of("$T.of()", Set.class);
        }
        CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", Set.class);
        // One line of names per action.
        b.add("$>$>");
        for (int i = 0; i < m.actions().size(); i++) {
            List<String> own = m.actions().get(i).names();
            b.add("\n");
            for (int j = 0; j < own.size(); j++) {
                b.add("$S", own.get(j));
                if (i < m.actions().size() - 1 || j < own.size() - 1) {
                    b.add(j < own.size() - 1 ? ",$W" : ",");
                }
            }
        }
        return b.add(")$<$<").build();
    }

    private MethodSpec run() {
        MethodSpec.Builder run =
                MethodSpec.methodBuilder("run")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(state)
                        .addJavadoc(
                                "Runs the action named {@code name}; see the table above for the names.\n")
                        .addParameter(String.class, "name")
                        .addParameter(state, "state")
                        .addParameter(CONTEXT, "ctx")
                        .addException(Exception.class);
        if (m.actions().isEmpty()) {
            return run.addStatement("throw new $T(name)", UNKNOWN_ACTION).build();
        }
        run.beginControlFlow("return switch (name)");
        for (ControllerModel.Action a : m.actions()) {
            CodeBlock.Builder labels = CodeBlock.builder();
            for (int i = 0; i < a.names().size(); i++) {
                labels.add(i == 0 ? "$S" : ",$W$S", a.names().get(i));
            }
            if (a.serverOnly()) {
                // @Action(serverOnly = true): only triggers and publishes run it.
                run.beginControlFlow("case $L ->", labels.build())
                        .addStatement("$T.requireServerCall(name, ctx)", ACTIONS)
                        .addStatement("yield controller.$L(state, ctx)", a.methodName())
                        .endControlFlow();
            } else {
                run.addStatement(
                        "case $L -> controller.$L(state, ctx)", labels.build(), a.methodName());
            }
        }
        run.addStatement("default -> throw new $T(name)", UNKNOWN_ACTION);
        run.addCode("$<};\n");
        return run.build();
    }

    private MethodSpec lifecycle(ExecutableElement method, String doc) {
        String name = method.getSimpleName().toString();
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(state)
                .addJavadoc("$L\nCalls {@link $T#$L}.\n", doc, controller, name)
                .addParameter(state, "state")
                .addParameter(CONTEXT, "ctx")
                .addException(Exception.class)
                .addStatement("return controller.$L(state, ctx)", name)
                .build();
    }

    /** Copies the state with its FieldErrors/Flash components replaced; null when it has none. */
    private MethodSpec withPageData() {
        List<? extends RecordComponentElement> components = m.state().getRecordComponents();
        List<CodeBlock> args = new ArrayList<>();
        List<CodeBlock> unchanged = new ArrayList<>();
        for (RecordComponentElement c : components) {
            String accessor =
                    c.getAccessor() != null
                            ? c.getAccessor().getSimpleName().toString()
                            : c.getSimpleName().toString();
            if (is(c.asType(), FIELD_ERRORS)) {
                args.add(CodeBlock.of("errors"));
                unchanged.add(CodeBlock.of("state.$L() == errors", accessor));
            } else if (is(c.asType(), FLASH)) {
                args.add(CodeBlock.of("flash"));
                unchanged.add(CodeBlock.of("state.$L() == flash", accessor));
            } else {
                args.add(CodeBlock.of("state.$L()", accessor));
            }
        }
        if (unchanged.isEmpty()) {
            return null;
        }
        return MethodSpec.methodBuilder("withPageData")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(state)
                .addJavadoc(
                        "A copy of {@code state} holding {@code errors} and {@code flash} in its "
                                + "{@code FieldErrors} and\n{@code Flash} components.\n")
                .addParameter(state, "state")
                .addParameter(FIELD_ERRORS, "errors")
                .addParameter(FLASH, "flash")
                .beginControlFlow("if ($L)", CodeBlock.join(unchanged, " && "))
                .addStatement("return state")
                .endControlFlow()
                .addStatement("return new $T($L)", state, CodeBlock.join(args, ",$W"))
                .build();
    }

    /** {@code uploads()}: the controller's {@code @Upload}s as the runtime reads them. */
    private MethodSpec uploads() {
        List<CodeBlock> items = new ArrayList<>();
        for (UploadModel u : m.uploads()) {
            List<CodeBlock> accept = new ArrayList<>();
            for (String a : u.accept()) {
                accept.add(CodeBlock.of("$S", a));
            }
            items.add(
                    CodeBlock.of(
                            "new $T($S, $T.of($L), $L, $LL, $L, $S, $S)",
                            RuntimeTypes.UPLOAD_DECLARATION,
                            u.name(),
                            List.class,
                            CodeBlock.join(accept, ", "),
                            u.maxEntries(),
                            u.maxFileSize(),
                            u.autoUpload(),
                            u.action(),
                            u.mode()));
        }
        return MethodSpec.methodBuilder("uploads")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(
                        ParameterizedTypeName.get(
                                ClassName.get(List.class), RuntimeTypes.UPLOAD_DECLARATION))
                .addJavadoc("The {@code @Upload}s of {@link $T}.\n", m.controller())
                .addStatement("return $T.of($>\n$L$<)", List.class, CodeBlock.join(items, ",\n"))
                .build();
    }

    /** {@code Map<String, Object>} of the {@code @Persist} components, in component order. */
    private MethodSpec persistedFields() {
        TypeName map =
                ParameterizedTypeName.get(
                        ClassName.get(Map.class),
                        ClassName.get(String.class),
                        ClassName.get(Object.class));
        MethodSpec.Builder b =
                MethodSpec.methodBuilder("persistedFields")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(map)
                        .addJavadoc(
                                "The {@code @Persist} components of {@code state} in component order, null "
                                        + "values included:\n$L.\n",
                                codeList(persistedNames()))
                        .addParameter(state, "state")
                        // LinkedHashMap, not Map.of: keeps the order and accepts null values.
                        .addStatement("$T fields = new $T<>()", map, LinkedHashMap.class);
        for (RecordComponentElement c : m.persisted()) {
            b.addStatement("fields.put($S, state.$L())", c.getSimpleName().toString(), accessor(c));
        }
        return b.addStatement("return fields").build();
    }

    /**
     * A copy of the state taking the stored values of its {@code @Persist} components; the state
     * itself when none was stored.
     */
    private MethodSpec restorePersisted() {
        Set<String> taken = new HashSet<>(List.of("state", "stored"));
        for (RecordComponentElement c : m.state().getRecordComponents()) {
            taken.add(c.getSimpleName().toString());
        }
        Map<RecordComponentElement, String> locals = new LinkedHashMap<>();
        for (RecordComponentElement c : m.persisted()) {
            String local = c.getSimpleName().toString();
            if (local.equals("state") || local.equals("stored")) {
                while (taken.contains(local)) {
                    local = local + "_";
                }
                taken.add(local);
            }
            locals.put(c, local);
        }
        MethodSpec.Builder b =
                MethodSpec.methodBuilder("restorePersisted")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(state)
                        .addJavadoc(
                                "A copy of {@code state} whose {@code @Persist} components take their values "
                                        + "in {@code stored}:\n$L.\nA component without a stored value (or one that no "
                                        + "longer reads as its type) keeps its\nown; with none stored, {@code state} itself "
                                        + "comes back.\n",
                                codeList(persistedNames()))
                        .addParameter(state, "state")
                        .addParameter(PERSISTED_FIELDS, "stored");
        List<CodeBlock> none = new ArrayList<>();
        for (Map.Entry<RecordComponentElement, String> e : locals.entrySet()) {
            String name = e.getKey().getSimpleName().toString();
            TypeName boxed = TypeName.get(e.getKey().asType()).box();
            b.addStatement(
                    "$T $L = stored.has($S)$W? stored.get($S, new $T<$T>() {})$W: null",
                    boxed,
                    e.getValue(),
                    name,
                    name,
                    TYPE_REF,
                    boxed);
            none.add(CodeBlock.of("$L == null", e.getValue()));
        }
        b.beginControlFlow("if ($L)", CodeBlock.join(none, " &&$W"))
                .addStatement("return state")
                .endControlFlow();
        List<CodeBlock> args = new ArrayList<>();
        for (RecordComponentElement c : m.state().getRecordComponents()) {
            String local = locals.get(c);
            args.add(
                    local == null
                            ? CodeBlock.of("state.$L()", accessor(c))
                            : CodeBlock.of(
                                    "$L != null ? $L : state.$L()", local, local, accessor(c)));
        }
        return b.addStatement("return new $T(\n$L)", state, CodeBlock.join(args, ",\n")).build();
    }

    private List<String> persistedNames() {
        List<String> out = new ArrayList<>();
        for (RecordComponentElement c : m.persisted()) {
            out.add(c.getSimpleName().toString());
        }
        return out;
    }

    private static String accessor(RecordComponentElement c) {
        return c.getAccessor() != null
                ? c.getAccessor().getSimpleName().toString()
                : c.getSimpleName().toString();
    }

    private static boolean is(TypeMirror t, ClassName name) {
        return t.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) t).asElement())
                        .getQualifiedName()
                        .contentEquals(name.canonicalName());
    }

    /** The renderer the processor generates for the state record, beside the record. */
    private ClassName renderer() {
        return ClassName.get(packageOf(m.state()), m.state().getSimpleName() + "Renderer");
    }

    private static String packageOf(Element e) {
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }
}
