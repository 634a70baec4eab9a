package io.github.livetemplate.processor;

import io.github.livetemplate.processor.check.Diagnostics;
import io.github.livetemplate.processor.parse.Pos;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place problems are reported. Template problems are shaped like javac's own ({@code
 * file:line:col: message}, the template line, a caret) and attached to the annotated record, so
 * IDEs and builds show them next to the record and the template position is in the text. The file
 * is one an IDE or terminal can open (the template's source, see {@code TemplateSource.Loaded});
 * the kind is left to javac, which prints its own {@code error:} or {@code warning:} before the
 * message.
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

    /** A warning on a Java element: the build goes on. */
    void warning(Element element, String message) {
        messager.printMessage(Diagnostic.Kind.WARNING, message, element);
    }

    /** A problem at a template position. */
    void template(
            Element element,
            AnnotationMirror annotation,
            String path,
            String text,
            Diagnostics.Diagnostic d) {
        String message = format(path, text, d.pos(), d.message());
        if (d.error()) {
            errors++;
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
        } else {
            messager.printMessage(Diagnostic.Kind.WARNING, message, element, annotation);
        }
    }

    /** A problem at a position of a template set: named with the file it is in. */
    void template(
            Element element,
            AnnotationMirror annotation,
            TemplateSet set,
            Diagnostics.Diagnostic d) {
        TemplateSource.Loaded file = set.fileAt(d.pos().offset()).loaded();
        template(element, annotation, file.display(), file.text(), d);
    }

    /** {@code path:line:col: message}, the source line and a caret under the column. */
    static String format(String path, String text, Pos pos, String message) {
        StringBuilder b = new StringBuilder();
        b.append(path)
                .append(':')
                .append(pos.line())
                .append(':')
                .append(pos.column())
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
