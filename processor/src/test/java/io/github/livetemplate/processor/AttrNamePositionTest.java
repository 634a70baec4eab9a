package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.livetemplate.runtime.TrustedAttr;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.GoOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value where an attribute name may start, or inside one: a {@link TrustedAttr} is written as it
 * is, any other value must be a plain lowercase name or it becomes {@code ZgotmplZ}, as Go's
 * htmlNameFilter decides. Given one template with such values in every tag position, for a table of
 * trusted and untrusted values the page equals Go's, and the client rebuilds it from the tree and
 * from diffs between the values.
 */
class AttrNamePositionTest {
    private static final String PATH = "an/t.tmpl";
    private static final String STATE =
            """
            package an;

            import io.github.livetemplate.LiveTemplate;
            import io.github.livetemplate.runtime.TrustedAttr;

            @LiveTemplate("t.tmpl")
            public record AnState(TrustedAttr attr, String name, Object any) {}
            """;
    private static final String TEMPLATE =
            """
            <input name="email" {{.Attr}}>
            <input checked {{.Attr}} type="text">
            <input {{.Attr}}{{.Attr}}>
            <p {{.Name}}="v" title="{{.Name}}">{{.Attr}}</p>
            <p data-{{.Name}}="v" class="c">x</p>
            <button {{.Any}}>b</button>
            <a href="/x" {{if .Name}}{{.Attr}}{{end}}>y</a>
            """;

    @TempDir static Path root;
    private static OracleFixture fixture;
    private static GoOracle go;
    private static ClientOracle client;
    private static ProcessorHarness.Rendering r;

    @BeforeAll
    static void start() throws Exception {
        fixture = OracleFixture.start(root, PATH, TEMPLATE, "an.AnState", STATE);
        go = fixture.go;
        client = fixture.client;
        r = fixture.r;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** Trusted attribute markup, untrusted names, and a value of unknown type. */
    static List<Object[]> states() {
        List<Object[]> out = new ArrayList<>();
        String[] attrs = {
            "aria-invalid=\"true\"", "", "disabled", "data-x=\"1\" hidden", "onclick=\"x()\""
        };
        String[] names = {
            "hidden", "", "Title", "onclick", "href", "data-x", "a b", "src2", "srcset", "value",
            "x\"y", "checked", "style"
        };
        Object[] anys = {"disabled", TrustedAttr.of("aria-busy=\"true\""), 3, "<b>"};
        for (int i = 0; i < names.length; i++) {
            out.add(
                    new Object[] {
                        TrustedAttr.of(attrs[i % attrs.length]), names[i], anys[i % anys.length]
                    });
        }
        return out;
    }

    private static JsonNode goData(Object[] s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("Attr", attr((TrustedAttr) s[0]));
        o.put("Name", (String) s[1]);
        o.set("Any", s[2] instanceof TrustedAttr a ? attr(a) : GoOracle.data(s[2]));
        return o;
    }

    private static JsonNode attr(TrustedAttr a) {
        return JsonNodeFactory.instance.objectNode().put("$attr", a.attr());
    }

    @Test
    void pagesAreGos() throws Exception {
        for (Object[] s : states()) {
            assertEquals(
                    go.render(TEMPLATE, goData(s)),
                    OracleCheck.innerHtml(r.html(s)),
                    () -> "state " + List.of(s));
        }
    }

    @Test
    void theClientFollowsTreesAndDiffs() throws Exception {
        client.reset();
        List<Object[]> states = states();
        Object prev = r.state(states.get(0));
        assertEquals(
                OracleCheck.innerHtml(r.renderer.html(prev)), client.apply(r.renderer.tree(prev)));
        for (Object[] s : states) {
            Object next = r.state(s);
            String diff = r.renderer.diff(prev, next);
            assertEquals(OracleCheck.innerHtml(r.renderer.html(next)), client.apply(diff), diff);
            prev = next;
        }
    }
}
