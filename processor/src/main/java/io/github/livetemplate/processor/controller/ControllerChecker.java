package io.github.livetemplate.processor.controller;

import io.github.livetemplate.processor.Annotations;
import io.github.livetemplate.processor.generate.RuntimeTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @LiveController} class into a {@link ControllerModel}, reporting every mistake:
 * the class's shape, action and lifecycle signatures, one state record for all of them, and action
 * names claimed twice.
 *
 * <p>A public instance method is taken as meant to be an action or lifecycle method when it has
 * {@code @Action}, is named {@code mount}, {@code onConnect} or {@code onDisconnect}, has a {@code
 * Context} parameter, or takes a {@code @LiveTemplate} record first and returns it. Such a method
 * must have the exact shape; other public methods are left alone.
 */
public final class ControllerChecker {
    private static final String LIVE_TEMPLATE = RuntimeTypes.name(RuntimeTypes.LIVE_TEMPLATE);
    private static final String ACTION = RuntimeTypes.name(RuntimeTypes.ACTION);
    private static final String CONTEXT = RuntimeTypes.name(RuntimeTypes.CONTEXT);
    private static final String PERSIST = RuntimeTypes.name(RuntimeTypes.PERSIST);
    private static final Set<String> PAGE_DATA =
            Set.of(
                    RuntimeTypes.name(RuntimeTypes.FIELD_ERRORS),
                    RuntimeTypes.name(RuntimeTypes.FLASH));

    private static final Set<String> LIFECYCLE = Set.of("mount", "onConnect", "onDisconnect");

    /** A problem on an element (and annotation, when one is to blame). */
    public record Problem(Element element, AnnotationMirror annotation, String message) {}

    private final Elements elements;
    private final Types types;
    private final TypeElement controller;
    private final AnnotationMirror controllerAnnotation;
    private final List<Problem> problems;
    private final String simpleName;

    /** The state record and the method that first used it. */
    private TypeElement state;

    private ExecutableElement stateSetBy;

    private ControllerChecker(
            ProcessingEnvironment env,
            TypeElement controller,
            AnnotationMirror annotation,
            List<Problem> problems) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.controller = controller;
        this.controllerAnnotation = annotation;
        this.problems = problems;
        this.simpleName = controller.getSimpleName().toString();
    }

    /**
     * Checks {@code controller}; adds every problem found to {@code problems}.
     *
     * @return the model, or null when anything was wrong
     */
    public static ControllerModel check(
            ProcessingEnvironment env,
            Element controller,
            AnnotationMirror annotation,
            List<Problem> problems) {
        int before = problems.size();
        if (controller.getKind() != ElementKind.CLASS) {
            problems.add(
                    new Problem(
                            controller,
                            annotation,
                            "@LiveController must annotate a class "
                                    + "(its public methods S name(S state, Context ctx) become the page's actions)"));
            return null;
        }
        ControllerChecker c =
                new ControllerChecker(env, (TypeElement) controller, annotation, problems);
        ControllerModel model = c.run();
        return problems.size() == before ? model : null;
    }

    // ------------------------------------------------------------------ the class

    private ControllerModel run() {
        checkClass();
        List<ControllerModel.Action> actions = new ArrayList<>();
        ExecutableElement mount = null;
        ExecutableElement onConnect = null;
        ExecutableElement onDisconnect = null;
        Map<String, ExecutableElement> claimed = new LinkedHashMap<>();
        for (ExecutableElement m : methods()) {
            AnnotationMirror action = Annotations.find(m, ACTION);
            String name = m.getSimpleName().toString();
            if (!looksLikeAction(m, action)) {
                continue;
            }
            if (!accessible(m, action)) {
                continue;
            }
            if (action == null && LIFECYCLE.contains(name)) {
                if (checkLifecycle(m)) {
                    switch (name) {
                        case "mount" -> mount = m;
                        case "onConnect" -> onConnect = m;
                        default -> onDisconnect = m;
                    }
                }
                continue;
            }
            if (action != null && LIFECYCLE.contains(name)) {
                problems.add(
                        new Problem(
                                m,
                                action,
                                name
                                        + " is a lifecycle method, not an action; "
                                        + "remove @Action, or rename the method to make it an action"));
                continue;
            }
            if (!checkActionShape(m, action)) {
                continue;
            }
            List<String> names = names(m, action);
            if (names == null) {
                continue;
            }
            Map<ExecutableElement, List<String>> clashes = new LinkedHashMap<>();
            for (String n : names) {
                ExecutableElement other = claimed.putIfAbsent(n, m);
                if (other != null && other != m) {
                    clashes.computeIfAbsent(other, k -> new ArrayList<>()).add(n);
                }
            }
            clashes.forEach(
                    (other, clash) ->
                            problems.add(
                                    new Problem(
                                            m,
                                            action,
                                            (clash.size() == 1 ? "action name " : "action names ")
                                                    + clash.stream()
                                                            .map(n -> "\"" + n + "\"")
                                                            .collect(Collectors.joining(", "))
                                                    + (clash.size() == 1 ? " is" : " are")
                                                    + " claimed by both "
                                                    + describeShort(other)
                                                    + " and "
                                                    + describeShort(m)
                                                    + "; rename one of them or give one an explicit name "
                                                    + "with @Action(\"…\")")));
            boolean serverOnly =
                    action != null && Boolean.TRUE.equals(Annotations.value(action, "serverOnly"));
            boolean explicit =
                    action != null
                            && Annotations.value(action, "value") instanceof String v
                            && !v.isEmpty();
            actions.add(new ControllerModel.Action(m, names, explicit, serverOnly));
        }
        if (state == null) {
            problems.add(
                    new Problem(
                            controller,
                            controllerAnnotation,
                            simpleName
                                    + " has no actions: "
                                    + "add public methods S name(S state, Context ctx), where S is the page's "
                                    + "@LiveTemplate record"));
            return null;
        }
        Set<String> answered = new LinkedHashSet<>();
        for (ControllerModel.Action a : actions) {
            answered.addAll(a.names());
        }
        return new ControllerModel(
                controller,
                state,
                List.copyOf(actions),
                mount,
                onConnect,
                onDisconnect,
                persisted(),
                UploadModel.read(elements, controller, answered, problems));
    }

    /**
     * The state's {@code @Persist} components, read from the record components only (javac may copy
     * the annotation to the accessor or field; those are ignored). A persisted {@code
     * FieldErrors}/{@code Flash} component is a problem.
     */
    private List<RecordComponentElement> persisted() {
        List<RecordComponentElement> out = new ArrayList<>();
        for (RecordComponentElement c : state.getRecordComponents()) {
            AnnotationMirror persist = Annotations.find(c, PERSIST);
            if (persist == null) {
                continue;
            }
            TypeMirror t = c.asType();
            if (t.getKind() == TypeKind.DECLARED
                    && PAGE_DATA.contains(
                            ((TypeElement) ((DeclaredType) t).asElement())
                                    .getQualifiedName()
                                    .toString())) {
                Element at = sourceOf(c);
                problems.add(
                        new Problem(
                                at,
                                Annotations.find(at, PERSIST),
                                "@Persist component "
                                        + c.getSimpleName()
                                        + " of "
                                        + state.getSimpleName()
                                        + " is a "
                                        + simple(t)
                                        + ": FieldErrors/Flash components "
                                        + "are filled per connection and cannot be persisted; remove @Persist"));
                continue;
            }
            out.add(c);
        }
        return List.copyOf(out);
    }

    /**
     * Where to report a problem on record component {@code c}: javac 17 cannot place diagnostics on
     * a record component element, so its field (declared by the same source text) stands in; the
     * component itself when there is none.
     */
    private Element sourceOf(RecordComponentElement c) {
        for (VariableElement f : ElementFilter.fieldsIn(state.getEnclosedElements())) {
            if (f.getSimpleName().equals(c.getSimpleName())
                    && !f.getModifiers().contains(Modifier.STATIC)) {
                return f;
            }
        }
        return c;
    }

    private void checkClass() {
        Set<Modifier> mods = controller.getModifiers();
        if (!mods.contains(Modifier.PUBLIC)) {
            problems.add(
                    new Problem(
                            controller,
                            controllerAnnotation,
                            "@LiveController class " + simpleName + " must be public"));
        }
        if (mods.contains(Modifier.ABSTRACT)) {
            problems.add(
                    new Problem(
                            controller,
                            controllerAnnotation,
                            "@LiveController class "
                                    + simpleName
                                    + " cannot be abstract (the generated "
                                    + simpleName
                                    + "Live calls an "
                                    + "instance of it)"));
        }
        NestingKind nesting = controller.getNestingKind();
        if (nesting == NestingKind.LOCAL
                || nesting == NestingKind.ANONYMOUS
                || nesting == NestingKind.MEMBER && !mods.contains(Modifier.STATIC)) {
            problems.add(
                    new Problem(
                            controller,
                            controllerAnnotation,
                            "@LiveController class "
                                    + simpleName
                                    + " must be a top-level class or a static nested class"));
        }
        for (Element outer = controller.getEnclosingElement();
                outer instanceof TypeElement t;
                outer = outer.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                problems.add(
                        new Problem(
                                controller,
                                controllerAnnotation,
                                "@LiveController class "
                                        + simpleName
                                        + " cannot be nested in private class "
                                        + t.getSimpleName()));
            }
        }
        if (!controller.getTypeParameters().isEmpty()) {
            problems.add(
                    new Problem(
                            controller,
                            controllerAnnotation,
                            "@LiveController class " + simpleName + " cannot be generic"));
        }
    }

    /**
     * Public and inherited methods, declared ones first, each class's in source order; methods of
     * {@code Object} and overridden methods excluded.
     */
    private List<ExecutableElement> methods() {
        Set<ExecutableElement> members =
                new HashSet<>(ElementFilter.methodsIn(elements.getAllMembers(controller)));
        List<ExecutableElement> out = new ArrayList<>();
        for (TypeElement t = controller; t != null; t = superclass(t)) {
            if (t.getQualifiedName().contentEquals("java.lang.Object")) {
                break;
            }
            for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
                if (members.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static TypeElement superclass(TypeElement t) {
        TypeMirror s = t.getSuperclass();
        return s.getKind() == TypeKind.DECLARED
                ? (TypeElement) ((DeclaredType) s).asElement()
                : null;
    }

    // ------------------------------------------------------------------ one method

    private boolean looksLikeAction(ExecutableElement m, AnnotationMirror action) {
        if (action != null || LIFECYCLE.contains(m.getSimpleName().toString())) {
            return true;
        }
        List<? extends VariableElement> params = m.getParameters();
        for (VariableElement p : params) {
            if (isContext(p.asType())) {
                return true;
            }
        }
        return !params.isEmpty()
                && liveTemplateRecord(params.get(0).asType()) != null
                && types.isSameType(params.get(0).asType(), m.getReturnType());
    }

    /** Public and non-static, or a problem. */
    private boolean accessible(ExecutableElement m, AnnotationMirror action) {
        String name = m.getSimpleName().toString();
        boolean isPublic = m.getModifiers().contains(Modifier.PUBLIC);
        boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
        boolean hasContext = m.getParameters().stream().anyMatch(p -> isContext(p.asType()));
        if (isStatic) {
            if (action != null || hasContext) {
                problems.add(
                        new Problem(
                                m,
                                action,
                                (LIFECYCLE.contains(name) ? "lifecycle method " : "action ")
                                        + name
                                        + " cannot be static: the generated "
                                        + simpleName
                                        + "Live calls "
                                        + "it on the controller instance; expected "
                                        + expected(m)));
            }
            return false;
        }
        if (!isPublic) {
            if (action != null || hasContext && (LIFECYCLE.contains(name) || isShaped(m))) {
                problems.add(
                        new Problem(
                                m,
                                action,
                                (LIFECYCLE.contains(name) ? "lifecycle method " : "action ")
                                        + name
                                        + " must be public; expected "
                                        + expected(m)));
            }
            return false;
        }
        return true;
    }

    /** Whether {@code m} has exactly the action shape (ignoring modifiers). */
    private boolean isShaped(ExecutableElement m) {
        List<? extends VariableElement> p = m.getParameters();
        return p.size() == 2
                && liveTemplateRecord(p.get(0).asType()) != null
                && isContext(p.get(1).asType())
                && types.isSameType(p.get(0).asType(), m.getReturnType());
    }

    private boolean checkActionShape(ExecutableElement m, AnnotationMirror action) {
        if (!shape(m, action, false)) {
            return false;
        }
        return useState(m, action);
    }

    private boolean checkLifecycle(ExecutableElement m) {
        if (!shape(m, null, m.getSimpleName().contentEquals("onDisconnect"))) {
            return false;
        }
        if (m.getSimpleName().contentEquals("onDisconnect")) {
            for (TypeMirror thrown : m.getThrownTypes()) {
                if (isChecked(thrown)) {
                    problems.add(
                            new Problem(
                                    m,
                                    null,
                                    "onDisconnect cannot throw checked exceptions ("
                                            + thrown
                                            + "): nothing is left to report them to when the connection has "
                                            + "closed; catch them inside"));
                    return false;
                }
            }
        }
        return useState(m, null);
    }

    /** Checks {@code S name(S, Context)} (or {@code void name(S, Context)}). */
    private boolean shape(ExecutableElement m, AnnotationMirror action, boolean returnsVoid) {
        String what =
                LIFECYCLE.contains(m.getSimpleName().toString()) && action == null
                        ? "lifecycle method "
                        : "action ";
        String prefix =
                what
                        + m.getSimpleName()
                        + " has the wrong signature: expected "
                        + expected(m)
                        + ", found "
                        + describe(m);
        List<? extends VariableElement> p = m.getParameters();
        if (!m.getTypeParameters().isEmpty()) {
            problems.add(new Problem(m, action, prefix + " (it cannot be generic)"));
            return false;
        }
        if (p.size() != 2 || m.isVarArgs()) {
            problems.add(new Problem(m, action, prefix));
            return false;
        }
        TypeMirror first = p.get(0).asType();
        if (liveTemplateRecord(first) == null) {
            String why =
                    isRecord(first)
                            ? " ("
                                    + simple(first)
                                    + " is a record but has no "
                                    + "@LiveTemplate annotation)"
                            : " (the first parameter must be the page's "
                                    + "@LiveTemplate state record)";
            problems.add(new Problem(m, action, prefix + why));
            return false;
        }
        if (!isContext(p.get(1).asType())) {
            problems.add(
                    new Problem(
                            m, action, prefix + " (the second parameter must be " + CONTEXT + ")"));
            return false;
        }
        if (returnsVoid
                ? m.getReturnType().getKind() != TypeKind.VOID
                : !types.isSameType(first, m.getReturnType())) {
            problems.add(
                    new Problem(
                            m,
                            action,
                            prefix
                                    + (returnsVoid
                                            ? " (it returns nothing)"
                                            : " (it must return the new state, of the same type as the first parameter)")));
            return false;
        }
        return true;
    }

    /** Records the state type of {@code m}; false when it differs from the others'. */
    private boolean useState(ExecutableElement m, AnnotationMirror action) {
        TypeElement s = liveTemplateRecord(m.getParameters().get(0).asType());
        if (state == null) {
            state = s;
            stateSetBy = m;
            return true;
        }
        if (!state.equals(s)) {
            problems.add(
                    new Problem(
                            m,
                            action,
                            "all actions and lifecycle methods of "
                                    + simpleName
                                    + " must use one state record: "
                                    + m.getSimpleName()
                                    + " uses "
                                    + s.getSimpleName()
                                    + " but "
                                    + stateSetBy.getSimpleName()
                                    + " uses "
                                    + state.getSimpleName()
                                    + " (one controller serves one page; write a controller per state record)"));
            return false;
        }
        return true;
    }

    /** The names {@code m} answers, or null after a problem. */
    private List<String> names(ExecutableElement m, AnnotationMirror action) {
        if (action == null) {
            return ActionNames.derived(m.getSimpleName().toString());
        }
        Object value = Annotations.value(action, "value");
        String name = value instanceof String s ? s : "";
        if (name.isEmpty() && Boolean.TRUE.equals(Annotations.value(action, "serverOnly"))) {
            return ActionNames.derived(m.getSimpleName().toString());
        }
        if (name.isBlank() || !name.equals(name.strip())) {
            problems.add(
                    new Problem(
                            m,
                            action,
                            "@Action needs a non-empty name without surrounding "
                                    + "spaces, e.g. @Action(\"clear-done\")"));
            return null;
        }
        if (ActionNames.RUNTIME_ONLY.contains(name)) {
            problems.add(
                    new Problem(
                            m,
                            action,
                            "action name \""
                                    + name
                                    + "\" is reserved: the runtime "
                                    + "answers it and never passes it to the controller"));
            return null;
        }
        return List.of(name);
    }

    // ------------------------------------------------------------------ types

    /** The {@code @LiveTemplate} record {@code t} is, or null. */
    private static TypeElement liveTemplateRecord(TypeMirror t) {
        if (t.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
        return e.getKind() == ElementKind.RECORD && Annotations.find(e, LIVE_TEMPLATE) != null
                ? e
                : null;
    }

    private static boolean isRecord(TypeMirror t) {
        return t.getKind() == TypeKind.DECLARED
                && ((DeclaredType) t).asElement().getKind() == ElementKind.RECORD;
    }

    static boolean isContext(TypeMirror t) {
        return t.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) t).asElement())
                        .getQualifiedName()
                        .contentEquals(CONTEXT);
    }

    private boolean isChecked(TypeMirror thrown) {
        TypeElement runtime = elements.getTypeElement("java.lang.RuntimeException");
        TypeElement error = elements.getTypeElement("java.lang.Error");
        return !(runtime != null && types.isSubtype(thrown, runtime.asType())
                || error != null && types.isSubtype(thrown, error.asType()));
    }

    /** The shape {@code m} should have, in the user's own state type when it can tell. */
    private String expected(ExecutableElement m) {
        String s = state != null ? state.getSimpleName().toString() : "S";
        if (state == null
                && !m.getParameters().isEmpty()
                && liveTemplateRecord(m.getParameters().get(0).asType()) != null) {
            s = simple(m.getParameters().get(0).asType());
        }
        boolean isVoid =
                m.getSimpleName().contentEquals("onDisconnect")
                        && Annotations.find(m, ACTION) == null;
        return "public "
                + (isVoid ? "void" : s)
                + " "
                + m.getSimpleName()
                + "("
                + s
                + " state, Context ctx)"
                + (s.equals("S") ? " where S is the page's @LiveTemplate record" : "");
    }

    private static String describe(ExecutableElement m) {
        String mods =
                m.getModifiers().stream()
                        .filter(
                                x ->
                                        x == Modifier.PUBLIC
                                                || x == Modifier.STATIC
                                                || x == Modifier.PROTECTED
                                                || x == Modifier.PRIVATE)
                        .map(Modifier::toString)
                        .collect(Collectors.joining(" "));
        String params =
                m.getParameters().stream()
                        .map(p -> simple(p.asType()))
                        .collect(Collectors.joining(", "));
        return (mods.isEmpty() ? "" : mods + " ")
                + simple(m.getReturnType())
                + " "
                + m.getSimpleName()
                + "("
                + params
                + ")";
    }

    private static String describeShort(ExecutableElement m) {
        return m.getSimpleName() + "()";
    }

    /** A type without its package, as the user wrote it most of the time. */
    private static String simple(TypeMirror t) {
        return t.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
    }
}
