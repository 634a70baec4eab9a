package io.github.livetemplate.processor;

import com.palantir.javapoet.JavaFile;
import io.github.livetemplate.processor.check.Diagnostics;
import io.github.livetemplate.processor.controller.ActionNames;
import io.github.livetemplate.processor.controller.ControllerChecker;
import io.github.livetemplate.processor.controller.ControllerGenerator;
import io.github.livetemplate.processor.controller.ControllerModel;
import io.github.livetemplate.processor.controller.PageDataUse;
import io.github.livetemplate.processor.controller.TemplateActions;
import io.github.livetemplate.processor.controller.UploadModel;
import io.github.livetemplate.processor.generate.RuntimeTypes;
import io.github.livetemplate.processor.parse.Ast;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The {@code @LiveController} step of {@link LiveTemplateProcessor}: check each controller ({@link
 * ControllerChecker}), check that every action its state's template can send exists ({@link
 * TemplateActions}), and generate {@code <Controller>Live} ({@link ControllerGenerator}). Problems
 * go through the processor's {@link Reporter}.
 */
final class ControllerProcessing {
    static final String LIVE_CONTROLLER = RuntimeTypes.name(RuntimeTypes.LIVE_CONTROLLER);

    private final ProcessingEnvironment env;
    private final Reporter reporter;
    private final TemplateSource sources;

    private final Set<String> withoutRenderer;

    ControllerProcessing(
            ProcessingEnvironment env,
            Reporter reporter,
            TemplateSource sources,
            Set<String> withoutRenderer) {
        this.env = env;
        this.reporter = reporter;
        this.sources = sources;
        this.withoutRenderer = withoutRenderer;
    }

    /** Processes the controllers of one round. */
    void process(RoundEnvironment round) {
        TypeElement annotation = env.getElementUtils().getTypeElement(LIVE_CONTROLLER);
        if (annotation == null) {
            return;
        }
        for (Element e : round.getElementsAnnotatedWith(annotation)) {
            AnnotationMirror mirror = Annotations.find(e, LIVE_CONTROLLER);
            try {
                processController(e, mirror);
            } catch (RuntimeException | LinkageError bug) {
                StringWriter trace = new StringWriter();
                bug.printStackTrace(new PrintWriter(trace));
                reporter.error(
                        e,
                        mirror,
                        "LiveTemplate failed on this controller; please report it "
                                + "with the controller and template:\n"
                                + trace);
            }
        }
    }

    private void processController(Element e, AnnotationMirror mirror) {
        List<ControllerChecker.Problem> problems = new ArrayList<>();
        ControllerModel model = ControllerChecker.check(env, e, mirror, problems);
        for (ControllerChecker.Problem p : problems) {
            reporter.error(p.element(), p.annotation(), p.message());
        }
        if (model == null) {
            return;
        }
        TemplateSource.Loaded template = checkTemplateActions(model, mirror);
        if (template != null) {
            for (PageDataUse.Unshown u :
                    PageDataUse.check(
                            env,
                            model.controller(),
                            model.state(),
                            template.path(),
                            template.text())) {
                reporter.warning(u.method(), u.message());
            }
        }
        if (withoutRenderer.contains(model.state().getQualifiedName().toString())) {
            return; // the dispatcher would name a renderer that was not generated: no second error
        }
        // The Undertow factories only where Undertow's LiveHandler is there to return.
        boolean undertow =
                env.getElementUtils().getTypeElement(RuntimeTypes.name(RuntimeTypes.LIVE_HANDLER))
                        != null;
        JavaFile source = ControllerGenerator.generate(model, undertow);
        try {
            source.writeTo(env.getFiler());
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

    /**
     * Every action the state's template can send must be one the controller answers.
     *
     * @return the template, or null when it could not be read or parsed
     */
    private TemplateSource.Loaded checkTemplateActions(
            ControllerModel model, AnnotationMirror mirror) {
        TypeElement controller = model.controller();
        TypeElement state = model.state();
        AnnotationMirror liveTemplate =
                Annotations.find(state, LiveTemplateProcessor.LIVE_TEMPLATE);
        Object value = liveTemplate == null ? null : Annotations.value(liveTemplate, "value");
        if (!(value instanceof String templateValue)) {
            return null;
        }
        String path = TemplateSource.resolve(Annotations.packageOf(state), templateValue);
        TemplateSet set;
        try {
            set =
                    TemplateSet.read(
                            sources,
                            state,
                            TemplateSet.paths(env.getElementUtils(), state, liveTemplate),
                            path,
                            f -> f);
        } catch (TemplateSet.Unreadable u) {
            unchecked(model, mirror, u.getMessage());
            return null;
        }
        Ast.TemplateFile file = set.parsed();
        Set<String> names = model.allNames();
        Set<String> serverOnly = model.serverOnlyNames();
        Diagnostics diagnostics = new Diagnostics();
        Set<String> uploads = new java.util.LinkedHashSet<>();
        for (UploadModel u : model.uploads()) {
            uploads.add(u.name());
        }
        // Definitions of included and library files count only where the page calls them.
        for (TemplateActions.Ref ref : TemplateActions.collect(set::pos, file, set::inMainFile)) {
            String name = ref.name();
            if (ref.kind() == TemplateActions.Kind.UPLOAD) {
                if (!uploads.contains(name)) {
                    diagnostics.error(ref.pos(), "UnknownUpload", unknownUpload(model, ref));
                }
                continue;
            }
            if (ref.kind() == TemplateActions.Kind.SUBMIT_BUTTON && name.equals("reset")) {
                // Named access on a form: form.reset is then the control, not the method.
                diagnostics.warning(
                        ref.pos(),
                        "ControlNamedReset",
                        ref.origin()
                                + " hides its form's reset() method in the browser, which the client"
                                + " calls after every successful submit (the update then fails);"
                                + " name the action differently, e.g. \"clear\"");
            }
            if (serverOnly.contains(name)) {
                diagnostics.error(
                        ref.pos(),
                        "ServerOnlyAction",
                        "action \""
                                + name
                                + "\" of "
                                + controller.getSimpleName()
                                + " is @Action(serverOnly = true): only triggers and publishes"
                                + " run it, so the template must not send it ("
                                + ref.origin()
                                + " sends it)");
                continue;
            }
            if (names.contains(name)
                    || ActionNames.RESERVED.contains(name)
                    || name.startsWith("persist:")) {
                continue;
            }
            diagnostics.error(ref.pos(), "UnknownAction", unknown(model, ref));
        }
        for (Diagnostics.Diagnostic d : diagnostics.all()) {
            reporter.template(controller, mirror, set, d);
        }
        return new TemplateSource.Loaded(path, set.allText(), set.main().display());
    }

    private static String unknownUpload(ControllerModel model, TemplateActions.Ref ref) {
        String controller = model.controller().getSimpleName().toString();
        List<String> declared = new ArrayList<>();
        for (UploadModel u : model.uploads()) {
            declared.add(u.name());
        }
        String message = controller + " declares no upload \"" + ref.name() + "\"";
        String nearest = Diagnostics.nearest(ref.name(), declared);
        if (nearest != null) {
            return message + " (did you mean \"" + nearest + "\"?)";
        }
        return message
                + ": "
                + ref.origin()
                + " sends its files there; add @Upload(name = \""
                + ref.name()
                + "\") to "
                + controller;
    }

    private static String unknown(ControllerModel model, TemplateActions.Ref ref) {
        String controller = model.controller().getSimpleName().toString();
        String message = controller + " has no action \"" + ref.name() + "\"";
        String nearest = Diagnostics.nearest(ref.name(), model.allNames());
        if (nearest != null) {
            return message + " (did you mean \"" + nearest + "\"?)";
        }
        String state = model.state().getSimpleName().toString();
        String why =
                switch (ref.kind()) {
                    case DEFAULT_SUBMIT ->
                            "a <form> without lvt-on:submit, lvt-form:action, a name or a "
                                    + "named submit button sends \"submit\"";
                    case SCROLL_SENTINEL ->
                            "lvt-scroll-sentinel sends \"load_more\" when it scrolls into view";
                    default -> ref.origin() + " sends it";
                };
        String method = ActionNames.methodFor(ref.name());
        String fix =
                method != null
                        ? "add public "
                                + state
                                + " "
                                + method
                                + "("
                                + state
                                + " state, Context ctx)"
                        : "add an action method annotated @Action(\"" + ref.name() + "\")";
        return message + ": " + why + "; " + fix + " to " + controller;
    }

    /** The template could not be read: the record reports it when compiled here; else warn. */
    private void unchecked(ControllerModel model, AnnotationMirror mirror, String why) {
        if (compiledHere(model.state())) {
            return;
        }
        env.getMessager()
                .printMessage(
                        Diagnostic.Kind.WARNING,
                        "the actions "
                                + model.controller().getSimpleName()
                                + " needs were not checked against its template: "
                                + why,
                        model.controller(),
                        mirror);
    }

    private boolean compiledHere(TypeElement record) {
        try {
            return com.sun.source.util.Trees.instance(env).getPath(record) != null;
        } catch (RuntimeException | LinkageError notJavac) {
            return false;
        }
    }
}
