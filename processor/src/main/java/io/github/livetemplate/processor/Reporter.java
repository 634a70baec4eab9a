package io.github.livetemplate.processor;

import io.github.livetemplate.processor.check.Diagnostics;
import io.github.livetemplate.processor.parse.Pos;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place problems are reported. Template problems are shaped like javac's own ({@code
 * path:line:col: error: message}, the template line, a caret) and attached to the annotated record,
 * so IDEs and builds show them next to the record and the template position is in the text.
 */
final class Reporter {
    private final Messager messager;
    private int errors;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    int errorCount() {
        return errors;
    }

    /** A problem with the Java side, on the element (and annotation, when given). */
    void error(Element element, AnnotationMirror annotation, String message) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    }

    /** A problem at a template position. */
    void template(
            Element element,
            AnnotationMirror annotation,
            String path,
            String text,
            Diagnostics.Diagnostic d) {
        String kind = d.error() ? "error" : "warning";
        String message = format(path, text, d.pos(), kind, d.message());
        if (d.error()) {
            errors++;
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
        } else {
            messager.printMessage(Diagnostic.Kind.WARNING, message, element, annotation);
        }
    }

    /** {@code path:line:col: kind: message}, the source line and a caret under the column. */
    static String format(String path, String text, Pos pos, String kind, String message) {
        StringBuilder b = new StringBuilder();
        b.append(path)
                .append(':')
                .append(pos.line())
                .append(':')
                .append(pos.column())
                .append(": ")
                .append(kind)
                .append(": ")
                .append(message);
        String line = line(text, pos.line());
        if (line != null) {
            b.append('\n').append(line).append('\n');
            for (int i = 0; i < pos.column() - 1 && i < line.length(); i++) {
                b.append(line.charAt(i) == '\t' ? '\t' : ' ');
            }
            b.append('^');
        }
        return b.toString();
    }

    private static String line(String text, int number) {
        String[] lines = text.split("\r?\n", -1);
        return number >= 1 && number <= lines.length ? lines[number - 1] : null;
    }
}
