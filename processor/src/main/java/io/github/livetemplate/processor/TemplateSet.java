package io.github.livetemplate.processor;

import io.github.livetemplate.processor.check.Diagnostics;
import io.github.livetemplate.processor.generate.RuntimeTypes;
import io.github.livetemplate.processor.parse.Ast;
import io.github.livetemplate.processor.parse.Parser;
import io.github.livetemplate.processor.parse.Pos;
import io.github.livetemplate.processor.parse.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The template files of one record parsed together, as Go's {@code template.ParseFiles}: the
 * {@code @TemplateLibrary} files of the record's package and its ancestors (outermost first), the
 * main file ({@code @LiveTemplate.value}), then its {@code include}s. All their definitions form
 * one set; the page is the main file's top-level text.
 *
 * <p>Each file is parsed with its own base offset, so a {@link Pos} of any file is unique in the
 * set: {@link #fileAt} finds the file of a position for messages, and line and column stay the
 * file's own.
 */
final class TemplateSet {

    /** One file of the set; its positions' offsets are {@code base} and up. */
    record File(TemplateSource.Loaded loaded, int base, boolean main) {
        String name() {
            String p = loaded.path();
            return p.substring(p.lastIndexOf('/') + 1);
        }

        /** The position of a char offset of this file's own text. */
        Pos pos(int local) {
            String text = loaded.text();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < local && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Pos(base + local, line, local - lineStart + 1);
        }

        String where(Pos p) {
            return loaded.display() + ":" + p.line() + ":" + p.column();
        }
    }

    /** A file could not be read or parsed; nothing else is reported for the record. */
    static final class Unreadable extends Exception {
        private final String path;
        private final transient List<String> looked;
        private final transient TemplateSource.Loaded file;
        private final transient Diagnostics.Diagnostic syntax;

        private Unreadable(String path, List<String> looked) {
            super("template " + path + " not found (looked in " + String.join(", ", looked) + ")");
            this.path = path;
            this.looked = looked;
            this.file = null;
            this.syntax = null;
        }

        private Unreadable(TemplateSource.Loaded file, Diagnostics.Diagnostic syntax) {
            super("template " + file.path() + " has a syntax error at " + syntax.pos());
            this.path = file.path();
            this.looked = List.of();
            this.file = file;
            this.syntax = syntax;
        }

        /** The path that was not found or did not parse. */
        String path() {
            return path;
        }

        /** Where a missing file was looked for. */
        List<String> looked() {
            return looked;
        }

        /** The file with the syntax error, or null when a file is missing. */
        TemplateSource.Loaded file() {
            return file;
        }

        /** The syntax error, or null when a file is missing. */
        Diagnostics.Diagnostic syntax() {
            return syntax;
        }
    }

    private final List<File> files;
    private final Ast.TemplateFile parsed;
    private final Diagnostics diagnostics;

    private TemplateSet(List<File> files, Ast.TemplateFile parsed, Diagnostics diagnostics) {
        this.files = files;
        this.parsed = parsed;
        this.diagnostics = diagnostics;
    }

    /**
     * The resource paths of {@code record}'s set in parse order: libraries of the outermost package
     * first, then {@code value}, then the includes; each path once.
     */
    static List<String> paths(Elements elements, TypeElement record, AnnotationMirror mirror) {
        Set<String> out = new LinkedHashSet<>();
        String pkg = Annotations.packageOf(record);
        List<String> packages = new ArrayList<>();
        for (String p = pkg; ; p = p.substring(0, p.lastIndexOf('.'))) {
            packages.add(0, p);
            if (p.indexOf('.') < 0) {
                break;
            }
        }
        String main = TemplateSource.resolve(pkg, (String) Annotations.value(mirror, "value"));
        for (String p : packages) {
            PackageElement element = p.isEmpty() ? null : elements.getPackageElement(p);
            AnnotationMirror library =
                    element == null
                            ? null
                            : Annotations.find(
                                    element, RuntimeTypes.name(RuntimeTypes.TEMPLATE_LIBRARY));
            for (String v : strings(library, "value")) {
                String path = TemplateSource.resolve(p, v);
                if (!path.equals(main)) {
                    out.add(path);
                }
            }
        }
        out.remove(main);
        out.add(main);
        for (String v : strings(mirror, "include")) {
            out.add(TemplateSource.resolve(pkg, v));
        }
        return List.copyOf(out);
    }

    private static List<String> strings(AnnotationMirror mirror, String member) {
        Object value = mirror == null ? null : Annotations.value(mirror, member);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.add((String) ((AnnotationValue) o).getValue());
            }
        }
        return out;
    }

    /**
     * Reads and parses the files at {@code paths}; {@code main} is the one whose top-level text is
     * the page. {@code prepare} runs on each parsed file (the processor adds the hidden form
     * fields).
     *
     * @throws Unreadable when a file is missing or has a syntax error
     */
    static TemplateSet read(
            TemplateSource sources,
            TypeElement record,
            List<String> paths,
            String main,
            UnaryOperator<Ast.TemplateFile> prepare)
            throws Unreadable {
        List<File> files = new ArrayList<>();
        List<Ast.TemplateFile> parsed = new ArrayList<>();
        int base = 0;
        // The main file first in offsets (base 0), so its positions read as before.
        List<String> order = new ArrayList<>(paths);
        order.remove(main);
        order.add(0, main);
        Map<String, File> byPath = new LinkedHashMap<>();
        Map<String, Ast.TemplateFile> astByPath = new LinkedHashMap<>();
        for (String path : order) {
            List<String> looked = new ArrayList<>();
            TemplateSource.Loaded loaded = sources.load(path, record, looked);
            if (loaded == null) {
                throw new Unreadable(path, looked);
            }
            File f = new File(loaded, base, path.equals(main));
            try {
                astByPath.put(path, prepare.apply(Parser.parse(loaded.text(), base)));
            } catch (TemplateSyntaxException syntax) {
                Diagnostics d = new Diagnostics();
                d.error(syntax.pos(), "Syntax", syntax.getMessage());
                throw new Unreadable(loaded, d.all().get(0));
            }
            byPath.put(path, f);
            files.add(f);
            base += loaded.text().length() + 1;
        }
        Diagnostics diagnostics = new Diagnostics();
        Map<String, Ast.Definition> defs = new LinkedHashMap<>();
        Map<String, File> definedIn = new LinkedHashMap<>();
        for (String path : paths) {
            File f = byPath.get(path);
            Ast.TemplateFile ast = astByPath.get(path);
            parsed.add(ast);
            List<Ast.Definition> own = new ArrayList<>(ast.definitions().values());
            if (!f.main()) {
                // As in Go, a file's top-level text is a template named after the file.
                own.add(0, new Ast.Definition(ast.main().pos(), f.name(), ast.main()));
            }
            for (Ast.Definition d : own) {
                Ast.Definition existing = defs.get(d.name());
                File existingFile = definedIn.get(d.name());
                if (existing == null || existing.isEmpty()) {
                    defs.put(d.name(), d);
                    definedIn.put(d.name(), f);
                } else if (d.isEmpty()) {
                    continue; // Go keeps the earlier definition
                } else if (existing.block() && !d.block()) {
                    // The layout pattern: a later file fills an earlier {{block}}, as in Go.
                    defs.put(d.name(), d);
                    definedIn.put(d.name(), f);
                } else {
                    diagnostics.error(
                            d.pos(),
                            "DuplicateTemplate",
                            "template \""
                                    + d.name()
                                    + "\" is defined twice: here and at "
                                    + existingFile.where(existing.pos())
                                    + (d.block()
                                            ? "; Go would show this {{block}}'s default instead of"
                                                    + " the earlier definition: list the file with"
                                                    + " the {{block}} before the one that fills it"
                                            : "; rename one, or turn the one meant as a default"
                                                    + " into a {{block}} in a file listed first"));
                }
            }
        }
        Ast.TemplateFile set =
                new Ast.TemplateFile(astByPath.get(main).main(), Collections.unmodifiableMap(defs));
        return new TemplateSet(List.copyOf(files), set, diagnostics);
    }

    /** The merged set: the main file's body and every definition of every file. */
    Ast.TemplateFile parsed() {
        return parsed;
    }

    /** Problems of the set as a whole (a template defined twice). */
    Diagnostics diagnostics() {
        return diagnostics;
    }

    /** The main file. */
    TemplateSource.Loaded main() {
        return files.get(0).loaded();
    }

    /** Every file's text, for what looks at the template as a whole (hash, text searches). */
    String allText() {
        StringBuilder b = new StringBuilder();
        for (File f : files) {
            b.append(b.isEmpty() ? "" : "\n").append(f.loaded().text());
        }
        return b.toString();
    }

    /**
     * The main file's text, then the text of each other file that defines one of {@code used}, in
     * set order: what a page's hash covers (a library file the page never calls leaves it alone).
     */
    String pageText(java.util.Collection<Ast.Definition> used) {
        Set<File> reached = new java.util.HashSet<>();
        for (Ast.Definition d : used) {
            reached.add(fileAt(d.pos().offset()));
        }
        StringBuilder b = new StringBuilder(main().text());
        for (File f : files) {
            if (!f.main() && reached.contains(f)) {
                b.append('\n').append(f.loaded().text());
            }
        }
        return b.toString();
    }

    /** The file a position of the set is in. */
    File fileAt(int offset) {
        File at = files.get(0);
        for (File f : files) {
            if (f.base() <= offset) {
                at = f;
            }
        }
        return at;
    }

    /** The position of an offset of the set (for scanners that count offsets). */
    Pos pos(int offset) {
        File f = fileAt(offset);
        return f.pos(offset - f.base());
    }

    /** Whether {@code d} is defined in the main file (rather than an included or library one). */
    boolean inMainFile(Ast.Definition d) {
        return fileAt(d.pos().offset()).main();
    }
}
