package io.github.livetemplate.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import io.github.livetemplate.processor.check.Diagnostics;
import io.github.livetemplate.processor.check.TemplateCompiler;
import io.github.livetemplate.processor.generate.RendererGenerator;
import io.github.livetemplate.processor.generate.RuntimeTypes;
import io.github.livetemplate.processor.html.FormFields;
import io.github.livetemplate.processor.model.Template;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Compiles {@code @LiveTemplate} records into renderer classes: find and parse the template, check
 * it against the record, generate {@code <Record>Renderer}. Problems are reported through one
 * {@link Reporter}; processing goes on with the next record after an error and nothing is thrown
 * out of {@link #process}.
 */
@AutoService(Processor.class)
public final class LiveTemplateProcessor extends AbstractProcessor {
    static final String LIVE_TEMPLATE = RuntimeTypes.name(RuntimeTypes.LIVE_TEMPLATE);
    static final String TEMPLATE_FUNCTION = RuntimeTypes.name(RuntimeTypes.TEMPLATE_FUNCTION);

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(LIVE_TEMPLATE, ControllerProcessing.LIVE_CONTROLLER);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(TemplateSource.ROOT_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /** States whose renderer was not generated (their errors are reported on the record). */
    private final Set<String> withoutRenderer = new java.util.HashSet<>();

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(LIVE_TEMPLATE);
        if (annotation == null) {
            return false;
        }
        Reporter reporter = new Reporter(processingEnv.getMessager());
        TemplateSource sources =
                new TemplateSource(
                        processingEnv.getFiler(),
                        processingEnv.getOptions().get(TemplateSource.ROOT_OPTION),
                        this::sourceUri);
        for (Element e : round.getElementsAnnotatedWith(annotation)) {
            AnnotationMirror mirror = Annotations.find(e, LIVE_TEMPLATE);
            int errors = reporter.errorCount();
            try {
                processRecord(e, mirror, reporter, sources);
                if (reporter.errorCount() > errors && e instanceof TypeElement t) {
                    withoutRenderer.add(t.getQualifiedName().toString());
                }
            } catch (RuntimeException | LinkageError bug) {
                StringWriter trace = new StringWriter();
                bug.printStackTrace(new PrintWriter(trace));
                reporter.error(
                        e,
                        mirror,
                        "LiveTemplate failed on this record; please report it with "
                                + "the template:\n"
                                + trace);
            }
        }
        // @LiveController classes: see ControllerProcessing.
        new ControllerProcessing(processingEnv, reporter, sources, withoutRenderer).process(round);
        return false;
    }

    private void processRecord(
            Element e, AnnotationMirror mirror, Reporter reporter, TemplateSource sources) {
        if (e.getKind() != ElementKind.RECORD) {
            reporter.error(
                    e,
                    mirror,
                    "@LiveTemplate must annotate a record (the state is immutable "
                            + "so renderers can compare it field by field)");
            return;
        }
        TypeElement record = (TypeElement) e;
        if (!record.getTypeParameters().isEmpty()) {
            reporter.error(e, mirror, "@LiveTemplate records cannot be generic");
            return;
        }
        if (record.getNestingKind().isNested()
                && !record.getModifiers().contains(Modifier.PUBLIC)
                && record.getModifiers().contains(Modifier.PRIVATE)) {
            reporter.error(e, mirror, "@LiveTemplate records cannot be private");
            return;
        }
        String value = (String) Annotations.value(mirror, "value");
        String pkg = Annotations.packageOf(record);
        String path = TemplateSource.resolve(pkg, value);
        TemplateSet set;
        try {
            set =
                    TemplateSet.read(
                            sources,
                            record,
                            TemplateSet.paths(processingEnv.getElementUtils(), record, mirror),
                            path,
                            // Hidden CSRF and routing fields in every POST form (html/FormFields).
                            FormFields::inject);
        } catch (TemplateSet.Unreadable u) {
            if (u.syntax() != null) {
                reporter.template(e, mirror, u.file().display(), u.file().text(), u.syntax());
            } else {
                reporter.error(
                        e,
                        mirror,
                        u.getMessage()
                                + "; put it in src/main/resources/"
                                + u.path()
                                + " or pass -A"
                                + TemplateSource.ROOT_OPTION
                                + "=<resources folder>");
            }
            return;
        }
        Map<String, List<ExecutableElement>> functions = functions(record, mirror, reporter);
        Diagnostics diagnostics = new Diagnostics();
        for (Diagnostics.Diagnostic d : set.diagnostics().all()) {
            reporter.template(e, mirror, set, d);
        }
        if (set.diagnostics().hasErrors()) {
            return;
        }
        TemplateSource.Loaded loaded = set.main();
        Template template =
                TemplateCompiler.compile(
                        processingEnv,
                        record,
                        path,
                        loaded.text(),
                        set::pageText,
                        set.parsed(),
                        functions,
                        diagnostics);
        for (Diagnostics.Diagnostic d : diagnostics.all()) {
            reporter.template(e, mirror, set, d);
        }
        if (diagnostics.hasErrors()) {
            return;
        }
        JavaFile source = RendererGenerator.generate(template);
        try {
            source.writeTo(processingEnv.getFiler());
            sources.inputs()
                    .write(processingEnv.getFiler(), processingEnv.getElementUtils(), record);
        } catch (IOException io) {
            reporter.error(
                    e,
                    mirror,
                    "could not write "
                            + source.packageName()
                            + "."
                            + source.typeSpec().name()
                            + ": "
                            + io.getMessage());
        }
    }

    /** Public static methods of the {@code functions} classes, by template name. */
    private Map<String, List<ExecutableElement>> functions(
            TypeElement record, AnnotationMirror mirror, Reporter reporter) {
        Map<String, List<ExecutableElement>> out = new LinkedHashMap<>();
        Object value = Annotations.value(mirror, "functions");
        if (!(value instanceof List<?> classes)) {
            return out;
        }
        for (Object o : classes) {
            TypeMirror t = (TypeMirror) ((AnnotationValue) o).getValue();
            TypeElement owner = (TypeElement) ((DeclaredType) t).asElement();
            for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
                if (!m.getModifiers().contains(Modifier.PUBLIC)
                        || !m.getModifiers().contains(Modifier.STATIC)) {
                    continue;
                }
                String name = m.getSimpleName().toString();
                for (AnnotationMirror a : m.getAnnotationMirrors()) {
                    if (((TypeElement) a.getAnnotationType().asElement())
                            .getQualifiedName()
                            .contentEquals(TEMPLATE_FUNCTION)) {
                        name = (String) Annotations.value(a, "value");
                    }
                }
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
            }
        }
        return out;
    }

    private URI sourceUri(TypeElement record) {
        try {
            com.sun.source.util.Trees trees = com.sun.source.util.Trees.instance(processingEnv);
            com.sun.source.util.TreePath path = trees.getPath(record);
            return path == null ? null : path.getCompilationUnit().getSourceFile().toUri();
        } catch (RuntimeException | LinkageError notJavac) {
            return null;
        }
    }
}
