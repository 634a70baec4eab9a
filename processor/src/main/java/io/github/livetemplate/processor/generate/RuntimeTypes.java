package io.github.livetemplate.processor.generate;

import com.palantir.javapoet.ClassName;
import io.github.livetemplate.processor.LiveTemplateProcessor;

/**
 * Every runtime and annotation class the processor emits in generated code or looks up while
 * checking. Generated code breaks silently when one of these moves, so they are named here once
 * (and {@code RuntimeTypesTest} loads each one): moving a package means editing only the package
 * constants below.
 */
public final class RuntimeTypes {
    private RuntimeTypes() {}

    // ------------------------------------------------------------------ packages

    /** The runtime API that application code sees. */
    static final String RUNTIME = "io.github.livetemplate.runtime";

    /** Support classes only generated renderers and controllers call. */
    static final String GENERATED_SUPPORT = "io.github.livetemplate.runtime.generated";

    /** The Undertow integration. */
    static final String UNDERTOW = "io.github.livetemplate.undertow";

    /** The annotations module. */
    static final String ANNOTATIONS = "io.github.livetemplate";

    // ------------------------------------------------------------------ runtime API

    public static final ClassName UTF8_BUFFER = ClassName.get(RUNTIME, "Utf8Buffer");
    public static final ClassName LIVE_RENDERER = ClassName.get(RUNTIME, "LiveRenderer");
    public static final ClassName TRUSTED_HTML = ClassName.get(RUNTIME, "TrustedHtml");
    public static final ClassName TRUSTED_ATTR = ClassName.get(RUNTIME, "TrustedAttr");
    public static final ClassName TEMPLATE_CONTEXT = ClassName.get(RUNTIME, "TemplateContext");
    public static final ClassName CONTEXT = ClassName.get(RUNTIME, "Context");
    public static final ClassName FIELD_ERRORS = ClassName.get(RUNTIME, "FieldErrors");
    public static final ClassName FLASH = ClassName.get(RUNTIME, "Flash");

    // ------------------------------------------------------------------ renderer support

    public static final ClassName VALUES = ClassName.get(GENERATED_SUPPORT, "Values");
    public static final ClassName GO_FMT = ClassName.get(GENERATED_SUPPORT, "GoFmt");
    public static final ClassName ESCAPE = ClassName.get(GENERATED_SUPPORT, "Escape");
    public static final ClassName JSON = ClassName.get(GENERATED_SUPPORT, "Json");
    public static final ClassName RANGE_DIFF = ClassName.get(GENERATED_SUPPORT, "RangeDiff");
    public static final ClassName ROWS = ClassName.get(GENERATED_SUPPORT, "Rows");
    public static final ClassName SLOTS = ClassName.get(GENERATED_SUPPORT, "Slots");
    public static final ClassName RECURSION = ClassName.get(GENERATED_SUPPORT, "Recursion");
    public static final ClassName STATICS = ClassName.get(GENERATED_SUPPORT, "Statics");

    // ------------------------------------------------------------------ controller support

    public static final ClassName ACTIONS = ClassName.get(GENERATED_SUPPORT, "Actions");
    public static final ClassName UNKNOWN_ACTION =
            ClassName.get(GENERATED_SUPPORT, "Actions", "UnknownActionException");
    public static final ClassName PERSISTED_FIELDS =
            ClassName.get(GENERATED_SUPPORT, "PersistedFields");
    public static final ClassName TYPE_REF = ClassName.get(GENERATED_SUPPORT, "TypeRef");
    public static final ClassName UPLOAD_DECLARATION =
            ClassName.get(GENERATED_SUPPORT, "UploadDeclaration");

    // ------------------------------------------------------------------ Undertow

    public static final ClassName LIVE_HANDLER = ClassName.get(UNDERTOW, "LiveHandler");
    public static final ClassName LIVE_HANDLER_BUILDER =
            ClassName.get(UNDERTOW, "LiveHandler", "Builder");

    // ------------------------------------------------------------------ annotations

    public static final ClassName LIVE_TEMPLATE = ClassName.get(ANNOTATIONS, "LiveTemplate");
    public static final ClassName LIVE_CONTROLLER = ClassName.get(ANNOTATIONS, "LiveController");
    public static final ClassName ACTION = ClassName.get(ANNOTATIONS, "Action");
    public static final ClassName PERSIST = ClassName.get(ANNOTATIONS, "Persist");
    public static final ClassName UPLOAD = ClassName.get(ANNOTATIONS, "Upload");
    public static final ClassName UPLOAD_LIST = ClassName.get(ANNOTATIONS, "Upload", "List");
    public static final ClassName TEMPLATE_FUNCTION =
            ClassName.get(ANNOTATIONS, "TemplateFunction");
    public static final ClassName TEMPLATE_LIBRARY = ClassName.get(ANNOTATIONS, "TemplateLibrary");

    /** The {@code @Generated} value on generated classes. */
    public static final String PROCESSOR = LiveTemplateProcessor.class.getName();

    /** The name {@code Elements.getTypeElement} and annotation mirrors use for {@code type}. */
    public static String name(ClassName type) {
        return type.canonicalName();
    }
}
