package io.github.livetemplate.processor.generate;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.Template;
import io.github.livetemplate.processor.parse.Pos;
import javax.lang.model.element.Modifier;

/** The renderer class being written: its template, its JavaPoet builder and its constants. */
final class RendererClass {
    private final Template template;
    private final TypeSpec.Builder type;
    private final Constants constants;

    RendererClass(Template template, String className) {
        this.template = template;
        this.type = TypeSpec.classBuilder(className);
        this.constants = new Constants(this);
    }

    Template template() {
        return template;
    }

    TypeSpec.Builder type() {
        return type;
    }

    Constants constants() {
        return constants;
    }

    TypeName stateType() {
        return TypeName.get(template.record().asType());
    }

    /** A template position for comments: {@code path:line:col}. */
    String at(Pos pos) {
        return template.path() + ":" + pos;
    }

    /** A node for javadoc: its name and template position. */
    String where(Node n) {
        return "{@code " + n.name() + "} (" + at(n.pos()) + ")";
    }

    /** A private static method of the renderer, documented as doing {@code what} for {@code n}. */
    MethodSpec.Builder method(String name, Node n, String what) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc(what + " " + where(n) + ".\n");
    }

    void add(MethodSpec.Builder method) {
        type.addMethod(method.build());
    }
}
