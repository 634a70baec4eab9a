package io.github.livetemplate.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Reading annotations through {@link AnnotationMirror}s, so the processor never loads the
 * annotation classes themselves (they may come from another class path).
 */
public final class Annotations {
    private Annotations() {}

    /** The annotation named {@code qualifiedName} on {@code e}, or null. */
    public static AnnotationMirror find(Element e, String qualifiedName) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(qualifiedName)) {
                return m;
            }
        }
        return null;
    }

    /** The explicitly given value of member {@code name}, or null when it is defaulted. */
    public static Object value(AnnotationMirror mirror, String name) {
        for (var entry : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue().getValue();
            }
        }
        return null;
    }

    /** The name of the package {@code e} is in. */
    public static String packageOf(Element e) {
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }
}
