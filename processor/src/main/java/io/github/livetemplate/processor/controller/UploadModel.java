package io.github.livetemplate.processor.controller;

import io.github.livetemplate.processor.generate.RuntimeTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * One {@code @Upload} of a controller, read from its annotation mirror (the annotation class itself
 * is never loaded).
 *
 * @param mirror the {@code @Upload} it came from, for messages
 * @param action the action that receives the completed files (the default filled in)
 * @param mode the wire name of the mode ({@code volume}, {@code proxied}, {@code direct}, {@code
 *     preview})
 */
public record UploadModel(
        AnnotationMirror mirror,
        String name,
        List<String> accept,
        int maxEntries,
        long maxFileSize,
        boolean autoUpload,
        String action,
        String mode) {

    static final String UPLOAD = RuntimeTypes.name(RuntimeTypes.UPLOAD);
    static final String UPLOAD_LIST = RuntimeTypes.name(RuntimeTypes.UPLOAD_LIST);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern MIME =
            Pattern.compile(
                    "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/(\\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*)");
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9_+-]+");

    /**
     * The {@code @Upload}s of {@code controller} (one, or several in their container), checked:
     * names, duplicates, accept entries, limits, and that {@code actions} holds the completion
     * action.
     */
    static List<UploadModel> read(
            Elements elements,
            TypeElement controller,
            Set<String> actions,
            List<ControllerChecker.Problem> problems) {
        List<AnnotationMirror> mirrors = new ArrayList<>();
        for (AnnotationMirror m : controller.getAnnotationMirrors()) {
            String type =
                    ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
            if (type.equals(UPLOAD)) {
                mirrors.add(m);
            } else if (type.equals(UPLOAD_LIST)) {
                for (AnnotationValue v : list(member(m, "value"))) {
                    mirrors.add((AnnotationMirror) v.getValue());
                }
            }
        }
        Map<String, UploadModel> byName = new LinkedHashMap<>();
        for (AnnotationMirror m : mirrors) {
            UploadModel u = of(elements, m);
            List<String> wrong = new ArrayList<>();
            if (!NAME.matcher(u.name()).matches()) {
                wrong.add(
                        "upload name \""
                                + u.name()
                                + "\" must be letters, digits, '_' or '-' (it is written in"
                                + " lvt-upload=\"…\")");
            }
            if (byName.containsKey(u.name())) {
                wrong.add("upload \"" + u.name() + "\" is declared twice");
            }
            for (String a : u.accept()) {
                if (!MIME.matcher(a).matches() && !EXTENSION.matcher(a).matches()) {
                    wrong.add(
                            "accept entry \""
                                    + a
                                    + "\" is neither a MIME type (image/png, image/*) nor an"
                                    + " extension (.jpg)");
                }
            }
            if (u.maxEntries() < 1) {
                wrong.add("maxEntries must be at least 1, not " + u.maxEntries());
            }
            if (u.maxFileSize() < 1) {
                wrong.add("maxFileSize must be at least 1 byte, not " + u.maxFileSize());
            }
            if (wrong.isEmpty() && !actions.contains(u.action())) {
                String method = ActionNames.methodFor(u.action());
                wrong.add(
                        controller.getSimpleName()
                                + " has no action \""
                                + u.action()
                                + "\" to receive upload \""
                                + u.name()
                                + "\"; add "
                                + (method != null
                                        ? "public S " + method + "(S state, Context ctx)"
                                        : "an action method annotated @Action(\""
                                                + u.action()
                                                + "\")")
                                + " reading ctx.uploads(\""
                                + u.name()
                                + "\"), or name another action with @Upload(action = …)");
            }
            for (String w : wrong) {
                problems.add(new ControllerChecker.Problem(controller, m, w));
            }
            byName.putIfAbsent(u.name(), u);
        }
        return List.copyOf(byName.values());
    }

    /** The declaration with the annotation's own defaults filled in. */
    private static UploadModel of(Elements elements, AnnotationMirror m) {
        Map<? extends ExecutableElement, ? extends AnnotationValue> values =
                elements.getElementValuesWithDefaults(m);
        String name = (String) value(values, "name");
        List<String> accept = new ArrayList<>();
        for (AnnotationValue v : list(value(values, "accept"))) {
            accept.add((String) v.getValue());
        }
        String action = (String) value(values, "action");
        return new UploadModel(
                m,
                name == null ? "" : name,
                List.copyOf(accept),
                ((Number) value(values, "maxEntries")).intValue(),
                ((Number) value(values, "maxFileSize")).longValue(),
                (Boolean) value(values, "autoUpload"),
                action == null || action.isEmpty() ? "upload_" + name + "_complete" : action,
                mode(value(values, "mode")));
    }

    /** The wire name of a {@code Mode} constant ({@code VOLUME} → {@code volume}). */
    private static String mode(Object constant) {
        if (constant instanceof javax.lang.model.element.VariableElement v) {
            return v.getSimpleName().toString().toLowerCase(java.util.Locale.ROOT);
        }
        return "volume";
    }

    private static Object value(
            Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        for (var e : values.entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue().getValue();
            }
        }
        return null;
    }

    /** The explicit value of a member, or null when defaulted. */
    private static Object member(AnnotationMirror m, String name) {
        for (var e : m.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue().getValue();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<AnnotationValue> list(Object value) {
        if (value instanceof List<?> l) {
            return (List<AnnotationValue>) l;
        }
        return List.of();
    }
}
