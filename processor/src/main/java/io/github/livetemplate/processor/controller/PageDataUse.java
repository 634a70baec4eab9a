package io.github.livetemplate.processor.controller;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.github.livetemplate.processor.generate.RuntimeTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Finds validation errors and flash messages a controller records that its page cannot show: a
 * method calls {@code ctx.error(…)} (or {@code ctx.flash(…)}) on a {@code Context} parameter, while
 * the state record has no {@code FieldErrors} (or {@code Flash}) component and the template never
 * uses {@code .lvt}. The runtime then sends the messages in {@code meta.errors} only, which the
 * browser client does not display (docs/protocol.md §8).
 *
 * <p>The calls are found in the source (javac's tree API), so only direct calls on a parameter are
 * seen; a controller compiled elsewhere (from a jar) is not looked at.
 */
public final class PageDataUse {
    private static final String CONTEXT = RuntimeTypes.name(RuntimeTypes.CONTEXT);
    private static final String FIELD_ERRORS = RuntimeTypes.name(RuntimeTypes.FIELD_ERRORS);
    private static final String FLASH = RuntimeTypes.name(RuntimeTypes.FLASH);
    private static final Pattern LVT = Pattern.compile("\\{\\{[^}]*\\.lvt\\b");

    /** One message the page cannot show: the first method that records that kind, and why. */
    public record Unshown(ExecutableElement method, String message) {}

    private PageDataUse() {}

    /** The kinds of message {@code controller} records and {@code state}'s page cannot show. */
    public static List<Unshown> check(
            ProcessingEnvironment env,
            TypeElement controller,
            TypeElement state,
            String templatePath,
            String templateText) {
        List<Unshown> out = new ArrayList<>();
        if (templateText != null && LVT.matcher(templateText).find()) {
            return out;
        }
        Map<String, ExecutableElement> calls = calls(env, controller);
        String record = state.getSimpleName().toString();
        ExecutableElement errors = calls.get("error");
        if (errors != null && !hasComponent(state, FIELD_ERRORS)) {
            out.add(
                    new Unshown(
                            errors,
                            "ctx.error(...) records messages the page cannot show: "
                                    + record
                                    + " has no FieldErrors component and "
                                    + templatePath
                                    + " does not use .lvt, so they reach only meta.errors, which"
                                    + " the browser does not display; add a component"
                                    + " \"FieldErrors errors\" to "
                                    + record
                                    + " (the runtime fills it after every action) and show it,"
                                    + " e.g. {{with .Errors.text}}<p class=\"error\">{{.}}</p>{{end}}"));
        }
        ExecutableElement flash = calls.get("flash");
        if (flash != null && !hasComponent(state, FLASH)) {
            out.add(
                    new Unshown(
                            flash,
                            "ctx.flash(...) sets messages the page cannot show: "
                                    + record
                                    + " has no Flash component and "
                                    + templatePath
                                    + " does not use .lvt; add a component \"Flash flash\" to "
                                    + record
                                    + " (the runtime fills it after every action) and show it,"
                                    + " e.g. {{with .Flash.saved}}<p class=\"flash\">{{.}}</p>{{end}}"));
        }
        return out;
    }

    private static boolean hasComponent(TypeElement state, String type) {
        for (RecordComponentElement c : state.getRecordComponents()) {
            if (c.asType().toString().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** {@code "error"} / {@code "flash"} → the first method calling it on a Context parameter. */
    private static Map<String, ExecutableElement> calls(
            ProcessingEnvironment env, TypeElement controller) {
        Map<String, ExecutableElement> found = new LinkedHashMap<>();
        Trees trees;
        try {
            trees = Trees.instance(env);
        } catch (RuntimeException | LinkageError notJavac) {
            return found;
        }
        for (ExecutableElement m : ElementFilter.methodsIn(controller.getEnclosedElements())) {
            Set<String> contexts = new HashSet<>();
            for (VariableElement p : m.getParameters()) {
                if (p.asType().toString().equals(CONTEXT)) {
                    contexts.add(p.getSimpleName().toString());
                }
            }
            MethodTree tree = contexts.isEmpty() ? null : trees.getTree(m);
            if (tree == null || tree.getBody() == null) {
                continue;
            }
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                    if (call.getMethodSelect() instanceof MemberSelectTree select
                            && select.getExpression() instanceof IdentifierTree receiver
                            && contexts.contains(receiver.getName().toString())) {
                        String name = select.getIdentifier().toString();
                        if (name.equals("error") || name.equals("flash")) {
                            found.putIfAbsent(name, m);
                        }
                    }
                    return super.visitMethodInvocation(call, unused);
                }
            }.scan(tree.getBody(), null);
        }
        return found;
    }
}
