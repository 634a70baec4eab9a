package io.github.livetemplate.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.RangeInfo;
import io.github.livetemplate.processor.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;

/**
 * Writes the renderer class for a checked template: pre-encoded statics ({@link Constants}), and
 * for each node one method per view — {@code html…} writes HTML ({@link HtmlWriter}), {@code tree…}
 * the complete tree JSON ({@link TreeWriter}), {@code diff…} the changed slots between two states
 * ({@link DiffWriter}); ranges get their row methods ({@link RowMethods}).
 */
public final class RendererGenerator {
    static final ClassName LIST = ClassName.get(List.class);

    private RendererGenerator() {}

    /** The generated source file for {@code t}. */
    public static JavaFile generate(Template t) {
        RendererClass c = new RendererClass(t, t.record().getSimpleName() + "Renderer");
        Skeleton.write(c);
        List<RangeInfo> ranges = ranges(t);
        HtmlWriter.page(c);
        TreeWriter.page(c);
        DiffWriter.page(c);
        // A range's row is written with the range's methods.
        List<Node> rows = ranges.stream().map(RangeInfo::row).toList();
        for (Node n : t.liveNodes()) {
            if (!rows.contains(n)) {
                HtmlWriter.node(c, n);
                TreeWriter.node(c, n);
                DiffWriter.node(c, n);
            }
        }
        for (Node n : t.htmlOnlyNodes()) {
            if (!rows.contains(n)) {
                HtmlWriter.node(c, n);
            }
        }
        for (RangeInfo r : ranges) {
            RowMethods.write(c, r, t.ranges().contains(r));
        }
        return JavaFile.builder(packageOf(t), c.type().build())
                .skipJavaLangImports(true)
                .indent("  ")
                .build();
    }

    /** Every range of the template, live or in the page head, in template order. */
    private static List<RangeInfo> ranges(Template t) {
        List<RangeInfo> ranges = new ArrayList<>();
        Stream.of(List.of(t.page()), t.liveNodes(), t.htmlOnlyNodes())
                .flatMap(List::stream)
                .flatMap(n -> n.items().stream())
                .forEach(
                        item -> {
                            if (item instanceof Item.Rows r && !ranges.contains(r.range())) {
                                ranges.add(r.range());
                            }
                        });
        return ranges;
    }

    private static String packageOf(Template t) {
        Element e = t.record();
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }
}
