package io.github.livetemplate.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A checked template, ready for code generation.
 *
 * @param record the annotated state record
 * @param path the template's resource path, for comments
 * @param root the variable holding the state ({@code $} at top level)
 * @param page the top-level node: for a full document its items outside {@code <body>} are not
 *     live; the live items form the tree root
 * @param document whether the template is a full document with a {@code <body>}
 * @param liveNodes every node inside the wrapper except {@code page}, in template order
 * @param htmlOnlyNodes nodes outside the wrapper (in the page head or tail)
 * @param ranges every range inside the wrapper
 * @param wrapped top-level ranges sent inside a node of their own (see {@code TemplateCompiler})
 * @param hash a hash of the template text, for the default wrapper id
 * @param lvt the {@code .lvt} context ({@code TemplateContext}) as a page variable, or null when
 *     the template does not read it
 */
public record Template(
        TypeElement record,
        String path,
        Var root,
        Node page,
        boolean document,
        List<Node> liveNodes,
        List<Node> htmlOnlyNodes,
        List<RangeInfo> ranges,
        java.util.Set<RangeInfo> wrapped,
        String hash,
        Var lvt) {

    /** The parameters of the page methods: the state, then the {@code .lvt} context if read. */
    public List<Var> pageVars() {
        return lvt == null ? List.of(root) : List.of(root, lvt);
    }
}
