package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.SLOTS;
import static io.github.livetemplate.processor.generate.RuntimeTypes.UTF8_BUFFER;

import com.palantir.javapoet.MethodSpec;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.parse.Pos;

/**
 * The HTML view: template text as pre-encoded constants, values escaped for their context. It
 * writes a node's whole content, the page head and tail included.
 */
final class HtmlWriter extends ItemWalk {
    private final Binding b;

    /** Whether this is the page, whose live part goes inside the wrapper element. */
    private final boolean page;

    private final StringBuilder text = new StringBuilder();
    private Pos textPos;
    private int texts;
    private boolean wrapperOpen;
    private boolean wrapperDone;

    HtmlWriter(RendererClass c, Node node, Binding b, boolean page) {
        super(c, node);
        this.b = b;
        this.page = page;
    }

    /** {@code htmlPage(state, wrapperId, loading, out)}. */
    static void page(RendererClass c) {
        Node page = c.template().page();
        MethodSpec.Builder m = c.method("htmlPage", page, "Writes the whole page");
        Binding b = Binding.params(m, c.template().pageVars());
        m.addParameter(String.class, "wrapperId")
                .addParameter(boolean.class, "loading")
                .addParameter(UTF8_BUFFER, "out");
        c.add(m.addCode(new HtmlWriter(c, page, b, true).body()));
    }

    static void node(RendererClass c, Node n) {
        MethodSpec.Builder m = c.method("html" + n.name(), n, "Writes the HTML of");
        Binding b = Binding.params(m, n.params());
        m.addParameter(UTF8_BUFFER, "out");
        c.add(m.addCode(new HtmlWriter(c, n, b, false).body()));
    }

    @Override
    boolean writes(Item item) {
        return true;
    }

    @Override
    void enter(Item item) {
        if (page && item.live() != wrapperOpen && !wrapperDone) {
            flush();
            if (wrapperOpen) {
                code.addStatement("$T.closeWrapper(out)", SLOTS);
                wrapperDone = true;
            } else {
                code.addStatement("$T.openWrapper(out, wrapperId, loading)", SLOTS);
            }
            wrapperOpen = !wrapperOpen;
        }
        if (!(item instanceof Item.Static)) {
            flush();
        }
    }

    /** Adjacent texts become one constant. */
    @Override
    void text(Item.Static s) {
        if (text.length() == 0) {
            textPos = s.pos();
        }
        text.append(s.text());
    }

    @Override
    void leave() {
        flush();
        if (page && wrapperOpen) {
            code.addStatement("$T.closeWrapper(out)", SLOTS);
        }
    }

    @Override
    void let(Item.Let let) {
        b.let(code, let);
    }

    @Override
    void print(Item.Print p, int slot) {
        ValueCode.write(code, p.value(), b.of(p.value()), p.escaper(), false);
    }

    @Override
    void conditional(ConditionalCode chain) {
        chain.html(b);
    }

    @Override
    void range(RangeCode range) {
        range.html(b);
    }

    private void flush() {
        if (text.length() > 0) {
            code.addStatement(
                    "out.write($L)", c.constants().html(node, texts++, text.toString(), textPos));
            text.setLength(0);
        }
    }
}
