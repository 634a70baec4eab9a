package io.github.livetemplate.processor.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParserTest {

    // ---------------------------------------------------------------- helpers

    private static Ast.TemplateFile parse(String src) {
        try {
            return Parser.parse(src);
        } catch (TemplateSyntaxException e) {
            throw new AssertionError("unexpected error at " + e.pos() + ": " + e.getMessage(), e);
        }
    }

    private static List<Ast.Node> nodes(String src) {
        return parse(src).main().nodes();
    }

    /** The single node of a template. */
    private static <T extends Ast.Node> T only(String src, Class<T> type) {
        List<Ast.Node> nodes = nodes(src);
        assertEquals(1, nodes.size(), () -> "nodes: " + nodes);
        return assertInstanceOf(type, nodes.get(0));
    }

    /** The args of the single command of the single action of a template. */
    private static List<Ast.Arg> args(String src) {
        Ast.Pipeline pipe = only(src, Ast.Action.class).pipe();
        assertEquals(1, pipe.cmds().size());
        return pipe.cmds().get(0).args();
    }

    private static <T extends Ast.Arg> T arg(String src, Class<T> type) {
        List<Ast.Arg> args = args(src);
        assertEquals(1, args.size());
        return assertInstanceOf(type, args.get(0));
    }

    private static void assertPos(int line, int column, Pos pos) {
        assertEquals(line + ":" + column, pos.toString(), "position");
    }

    private static void assertError(String src, String message, int line, int column) {
        TemplateSyntaxException e =
                assertThrows(
                        TemplateSyntaxException.class,
                        () -> Parser.parse(src),
                        () -> "expected an error for " + src);
        assertEquals(message, e.getMessage());
        assertPos(line, column, e.pos());
    }

    private static String text(Ast.Node n) {
        return assertInstanceOf(Ast.Text.class, n).text();
    }

    /** All nodes of a tree, depth first. */
    private static List<Ast.Node> walk(Ast.ListNode list) {
        List<Ast.Node> out = new ArrayList<>();
        walk(list, out);
        return out;
    }

    private static void walk(Ast.ListNode list, List<Ast.Node> out) {
        if (list == null) {
            return;
        }
        for (Ast.Node n : list.nodes()) {
            out.add(n);
            if (n instanceof Ast.If i) {
                walk(i.then(), out);
                walk(i.otherwise(), out);
            } else if (n instanceof Ast.With w) {
                walk(w.then(), out);
                walk(w.otherwise(), out);
            } else if (n instanceof Ast.Range r) {
                walk(r.body(), out);
                walk(r.otherwise(), out);
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ParserTest.class.getResourceAsStream("/goldens/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- text, actions, positions

    @Nested
    class TextAndActions {
        @Test
        void plainText() {
            Ast.Text t = only("hello\nworld", Ast.Text.class);
            assertEquals("hello\nworld", t.text());
            assertPos(1, 1, t.pos());
        }

        @Test
        void emptyTemplate() {
            assertTrue(nodes("").isEmpty());
            assertTrue(parse("").definitions().isEmpty());
        }

        @Test
        void actionBetweenText() {
            List<Ast.Node> n = nodes("a{{.A.B}}b");
            assertEquals(3, n.size());
            assertEquals("a", text(n.get(0)));
            Ast.Action action = assertInstanceOf(Ast.Action.class, n.get(1));
            assertPos(1, 4, action.pos());
            assertPos(1, 4, action.pipe().pos());
            assertPos(1, 4, action.pipe().cmds().get(0).pos());
            Ast.Field f =
                    assertInstanceOf(Ast.Field.class, action.pipe().cmds().get(0).args().get(0));
            assertEquals(List.of("A", "B"), f.names());
            assertPos(1, 4, f.pos());
            assertEquals("b", text(n.get(2)));
            assertPos(1, 10, n.get(2).pos());
        }

        @Test
        void actionPositionIsFirstTokenInside() {
            Ast.Action a = (Ast.Action) nodes("x\n  {{   .Y }}").get(1);
            assertPos(2, 8, a.pos());
        }

        @Test
        void multiLineAction() {
            Ast.If i = only("{{if\n  .X}}y{{end}}", Ast.If.class);
            Ast.Field f = assertInstanceOf(Ast.Field.class, i.cond().cmds().get(0).args().get(0));
            assertPos(2, 3, f.pos());
        }

        @Test
        void dotDollarNilBool() {
            List<Ast.Node> n = nodes("{{.}}{{$}}{{nil}}{{true}}{{false}}");
            assertEquals(5, n.size());
            List<Ast.Arg> a = new ArrayList<>();
            for (Ast.Node node : n) {
                a.add(((Ast.Action) node).pipe().cmds().get(0).args().get(0));
            }
            assertInstanceOf(Ast.Dot.class, a.get(0));
            Ast.Variable dollar = assertInstanceOf(Ast.Variable.class, a.get(1));
            assertEquals("$", dollar.name());
            assertTrue(dollar.fields().isEmpty());
            assertInstanceOf(Ast.Nil.class, a.get(2));
            assertTrue(assertInstanceOf(Ast.Bool.class, a.get(3)).value());
            assertFalse(assertInstanceOf(Ast.Bool.class, a.get(4)).value());
            assertPos(1, 20, a.get(3).pos());
        }

        @Test
        void unicodeFieldsAndText() {
            List<Ast.Node> n = nodes("é{{.Größe}}");
            Ast.Action a = assertInstanceOf(Ast.Action.class, n.get(1));
            assertEquals(
                    List.of("Größe"), ((Ast.Field) a.pipe().cmds().get(0).args().get(0)).names());
            assertPos(1, 4, a.pos());
        }
    }

    // ---------------------------------------------------------------- trim markers and comments

    @Nested
    class TrimAndComments {
        @Test
        void trimMarkersTrimAdjacentWhiteSpace() {
            String src = "a \t\n {{- .X -}} \n b";
            List<Ast.Node> n = nodes(src);
            assertEquals(3, n.size());
            assertEquals("a", text(n.get(0)));
            assertPos(2, 6, n.get(1).pos());
            assertEquals("b", text(n.get(2)));
            assertPos(3, 2, n.get(2).pos());
            assertEquals(src.indexOf('b'), n.get(2).pos().offset());
        }

        @Test
        void trimmedAwayTextDisappears() {
            List<Ast.Node> n = nodes("{{.A}}  \n  {{- .B}}");
            assertEquals(2, n.size());
        }

        @Test
        void trimMarkerNeedsSpace() {
            Ast.Number num = arg("{{-3}}", Ast.Number.class);
            assertEquals(-3, num.intValue());
            assertEquals("-3", num.text());
            List<Ast.Node> n = nodes("a {{- 3}}");
            assertEquals("a", text(n.get(0)));
            Ast.Number three =
                    (Ast.Number) ((Ast.Action) n.get(1)).pipe().cmds().get(0).args().get(0);
            assertEquals(3, three.intValue());
            assertPos(1, 7, three.pos());
        }

        @Test
        void rightTrimWithNewlineSpace() {
            List<Ast.Node> n = nodes("{{.X\n-}}\n\ny");
            assertEquals(2, n.size());
            assertEquals("y", text(n.get(1)));
        }

        @Test
        void minusBeforeDelimWithoutSpaceIsANumber() {
            assertError("{{.X - }}", "illegal number syntax: \"-\"", 1, 6);
            assertError("{{.X-}}", "bad character U+002D '-'", 1, 5);
        }

        @Test
        void comment() {
            List<Ast.Node> n = nodes("a {{/* hi */}} b");
            assertEquals(3, n.size());
            Ast.Comment c = assertInstanceOf(Ast.Comment.class, n.get(1));
            assertEquals("/* hi */", c.text());
            assertPos(1, 5, c.pos());
            assertEquals(" b", text(n.get(2)));
        }

        @Test
        void trimmedComment() {
            List<Ast.Node> n = nodes("a \n{{- /* multi\nline */ -}}\n b");
            assertEquals(3, n.size());
            assertEquals("a", text(n.get(0)));
            Ast.Comment c = assertInstanceOf(Ast.Comment.class, n.get(1));
            assertEquals("/* multi\nline */", c.text());
            assertPos(2, 5, c.pos());
            assertEquals("b", text(n.get(2)));
        }

        @Test
        void commentErrors() {
            assertError("ab{{/* x }}", "unclosed comment", 1, 5);
            assertError("{{/* x */ .X}}", "comment ends before closing delimiter", 1, 10);
        }
    }

    // ---------------------------------------------------------------- control structures

    @Nested
    class Control {
        @Test
        void ifElse() {
            Ast.If i = only("{{if .A}}yes{{else}}no{{end}}", Ast.If.class);
            assertPos(1, 3, i.pos());
            assertPos(1, 6, i.cond().pos());
            assertEquals("yes", text(i.then().nodes().get(0)));
            assertEquals("no", text(i.otherwise().nodes().get(0)));
            assertFalse(i.elseIf());
        }

        @Test
        void ifWithoutElse() {
            Ast.If i = only("{{if .A}}yes{{end}}", Ast.If.class);
            assertNull(i.otherwise());
        }

        @Test
        void elseIfChainSharesOneEnd() {
            Ast.If i =
                    only("{{if .A}}a{{else if .B}}b{{else if .C}}c{{else}}d{{end}}", Ast.If.class);
            assertEquals(1, i.otherwise().nodes().size());
            Ast.If b = assertInstanceOf(Ast.If.class, i.otherwise().nodes().get(0));
            assertTrue(b.elseIf());
            assertPos(1, 18, b.pos());
            assertEquals("b", text(b.then().nodes().get(0)));
            Ast.If c = assertInstanceOf(Ast.If.class, b.otherwise().nodes().get(0));
            assertTrue(c.elseIf());
            assertEquals("d", text(c.otherwise().nodes().get(0)));
        }

        @Test
        void withAndElseWith() {
            Ast.With w = only("{{with .A}}a{{else with .B}}b{{else}}c{{end}}", Ast.With.class);
            assertFalse(w.elseWith());
            assertPos(1, 3, w.pos());
            Ast.With inner = assertInstanceOf(Ast.With.class, w.otherwise().nodes().get(0));
            assertTrue(inner.elseWith());
            assertEquals("c", text(inner.otherwise().nodes().get(0)));
        }

        @Test
        void rangeForms() {
            Ast.Range plain = only("{{range .Items}}{{.}}{{else}}none{{end}}", Ast.Range.class);
            assertTrue(plain.pipe().decl().isEmpty());
            assertEquals("none", text(plain.otherwise().nodes().get(0)));

            Ast.Range one = only("{{range $v := .Items}}{{$v}}{{end}}", Ast.Range.class);
            assertEquals(
                    List.of("$v"), one.pipe().decl().stream().map(Ast.Variable::name).toList());
            assertFalse(one.pipe().isAssign());

            Ast.Range two = only("{{range $i, $v := .Items}}{{$i}}{{$v}}{{end}}", Ast.Range.class);
            assertEquals(
                    List.of("$i", "$v"),
                    two.pipe().decl().stream().map(Ast.Variable::name).toList());
            assertPos(1, 9, two.pipe().decl().get(0).pos());
            assertPos(1, 13, two.pipe().decl().get(1).pos());
            assertPos(1, 9, two.pipe().pos());
            assertEquals(
                    List.of("Items"), ((Ast.Field) two.pipe().cmds().get(0).args().get(0)).names());
        }

        @Test
        void breakAndContinue() {
            Ast.Range r =
                    only("{{range .}}{{if .}}{{break}}{{end}}{{continue}}{{end}}", Ast.Range.class);
            Ast.If i = (Ast.If) r.body().nodes().get(0);
            Ast.Break b = assertInstanceOf(Ast.Break.class, i.then().nodes().get(0));
            assertPos(1, 22, b.pos());
            assertInstanceOf(Ast.Continue.class, r.body().nodes().get(1));
        }

        @Test
        void breakInNestedRangeInsideElse() {
            parse("{{range .}}{{else}}{{range .}}{{break}}{{end}}{{end}}");
        }
    }

    // ---------------------------------------------------------------- pipelines and variables

    @Nested
    class Pipelines {
        @Test
        void commandsSeparatedByPipes() {
            Ast.Pipeline p = only("{{.X | printf \"%d\" | html}}", Ast.Action.class).pipe();
            assertEquals(3, p.cmds().size());
            List<Ast.Arg> second = p.cmds().get(1).args();
            assertEquals("printf", assertInstanceOf(Ast.Identifier.class, second.get(0)).name());
            assertEquals("%d", assertInstanceOf(Ast.StringLit.class, second.get(1)).value());
            assertPos(1, 8, p.cmds().get(1).pos());
            assertPos(1, 22, p.cmds().get(2).pos());
        }

        @Test
        void functionWithArguments() {
            List<Ast.Arg> a = args("{{index .M \"k\" 1}}");
            assertEquals(4, a.size());
            assertEquals("index", ((Ast.Identifier) a.get(0)).name());
        }

        @Test
        void parenthesisedPipelineAsOperand() {
            List<Ast.Arg> a = args("{{printf \"%d\" (len .X)}}");
            Ast.PipeArg p = assertInstanceOf(Ast.PipeArg.class, a.get(2));
            assertPos(1, 15, p.pos());
            assertEquals(2, p.pipe().cmds().get(0).args().size());
        }

        @Test
        void fieldsOfParenthesisedPipeline() {
            Ast.Chain c = arg("{{(index .M 1).Name.First}}", Ast.Chain.class);
            assertInstanceOf(Ast.PipeArg.class, c.operand());
            assertEquals(List.of("Name", "First"), c.fields());
            assertPos(1, 3, c.pos());
        }

        @Test
        void variableWithFields() {
            Ast.Variable v =
                    (Ast.Variable)
                            ((Ast.Action) nodes("{{$x := .}}{{$x.A.B}}").get(1))
                                    .pipe()
                                    .cmds()
                                    .get(0)
                                    .args()
                                    .get(0);
            assertEquals("$x", v.name());
            assertEquals(List.of("A", "B"), v.fields());
            assertPos(1, 14, v.pos());
        }

        @Test
        void declarationAndAssignment() {
            List<Ast.Node> n = nodes("{{$x := 1}}{{$x = 2}}{{$x}}");
            Ast.Pipeline decl = ((Ast.Action) n.get(0)).pipe();
            assertFalse(decl.isAssign());
            assertEquals("$x", decl.decl().get(0).name());
            assertPos(1, 3, decl.decl().get(0).pos());
            Ast.Pipeline assign = ((Ast.Action) n.get(1)).pipe();
            assertTrue(assign.isAssign());
            assertEquals(1, assign.cmds().size());
            assertEquals(3, n.size());
        }

        @Test
        void variableAsFirstOperandIsNotADeclaration() {
            List<Ast.Arg> a =
                    ((Ast.Action) nodes("{{$f := .}}{{$f 1}}").get(1)).pipe().cmds().get(0).args();
            assertEquals(2, a.size());
        }

        @Test
        void controlPipelineDeclaration() {
            Ast.If i = only("{{if $x := .A}}{{$x}}{{else}}{{$x}}{{end}}", Ast.If.class);
            assertEquals("$x", i.cond().decl().get(0).name());
        }

        @Test
        void assignmentInsideNestedScopeToOuterVariable() {
            parse("{{$x := 1}}{{range .}}{{$x = .}}{{end}}{{$x}}");
        }
    }

    // ---------------------------------------------------------------- constants

    @Nested
    class Constants {
        private Ast.Number num(String literal) {
            return arg("{{" + literal + "}}", Ast.Number.class);
        }

        private void assertInt(String literal, long value) {
            Ast.Number n = num(literal);
            assertTrue(n.isInt(), literal);
            assertEquals(value, n.intValue(), literal);
            assertTrue(n.isFloat(), literal);
            assertEquals((double) value, n.floatValue(), literal);
            assertEquals(literal, n.text());
        }

        private void assertFloat(String literal, double value, boolean isInt) {
            Ast.Number n = num(literal);
            assertTrue(n.isFloat(), literal);
            assertEquals(value, n.floatValue(), literal);
            assertEquals(isInt, n.isInt(), literal);
        }

        @Test
        void integers() {
            assertInt("42", 42);
            assertInt("0", 0);
            assertInt("1_000", 1000);
            assertInt("0x1F", 31);
            assertInt("0X1f", 31);
            assertInt("0x_1F", 31);
            assertInt("0o17", 15);
            assertInt("017", 15);
            assertInt("0b101", 5);
            assertInt("+1", 1);
            assertInt("-1", -1);
            assertInt("9223372036854775807", Long.MAX_VALUE);
            assertInt("-9223372036854775808", Long.MIN_VALUE);
        }

        @Test
        void floats() {
            assertFloat("1.5", 1.5, false);
            assertFloat(".5", 0.5, false);
            assertFloat("1e3", 1000, true);
            assertEquals(1000, num("1e3").intValue());
            assertFloat("-2.5e-1", -0.25, false);
            assertFloat("1_000.5", 1000.5, false);
            assertFloat("0x1p-2", 0.25, false);
            assertFloat("2.", 2, true);
        }

        @Test
        void characters() {
            assertInt("'a'", 97);
            assertInt("'\\n'", 10);
            assertInt("'\\''", 39);
            assertInt("'\\x41'", 65);
            assertInt("'\\101'", 65);
            assertInt("'\\u00e9'", 0xe9);
            assertInt("'é'", 0xe9);
            assertInt("'😀'", 0x1F600);
        }

        @Test
        void strings() {
            Ast.StringLit s =
                    arg(
                            "{{\"a\\n\\t\\\"\\\\\\x41\\u00e9\\U0001F600\\101\\a\"}}",
                            Ast.StringLit.class);
            assertEquals("a\n\t\"\\Aé😀A\u0007", s.value());
            assertEquals("\"a\\n\\t\\\"\\\\\\x41\\u00e9\\U0001F600\\101\\a\"", s.quoted());
            assertEquals("é", arg("{{\"\\xc3\\xa9\"}}", Ast.StringLit.class).value());
            assertEquals("", arg("{{\"\"}}", Ast.StringLit.class).value());
        }

        @Test
        void rawStrings() {
            Ast.StringLit s = arg("{{`a\\n\r\nb\"`}}", Ast.StringLit.class);
            assertEquals("a\\n\nb\"", s.value());
            assertEquals("`a\\n\r\nb\"`", s.quoted());
            // A raw string may span lines; positions after it count them.
            List<Ast.Node> n = nodes("{{`x\ny`}} {{.Z}}");
            assertPos(2, 8, n.get(2).pos());
        }
    }

    // ---------------------------------------------------------------- templates

    @Nested
    class Templates {
        @Test
        void defineAndTemplate() {
            Ast.TemplateFile f =
                    parse(
                            "{{define \"row\"}}<td>{{.}}</td>{{end}}\n{{template \"row\" .X}}{{template `row`}}");
            Ast.Definition d = f.definitions().get("row");
            assertEquals("row", d.name());
            assertPos(1, 3, d.pos());
            assertEquals(3, d.body().nodes().size());
            List<Ast.Node> main = f.main().nodes();
            assertEquals("\n", text(main.get(0)));
            Ast.TemplateCall withPipe = assertInstanceOf(Ast.TemplateCall.class, main.get(1));
            assertEquals("row", withPipe.name());
            assertPos(2, 3, withPipe.pos());
            assertEquals(1, withPipe.pipe().cmds().size());
            Ast.TemplateCall noPipe = assertInstanceOf(Ast.TemplateCall.class, main.get(2));
            assertNull(noPipe.pipe());
        }

        @Test
        void defineWithTrimMarker() {
            Ast.TemplateFile f = parse("{{- define \"a\" -}} x {{- end}}");
            assertEquals("x", text(f.definitions().get("a").body().nodes().get(0)));
            assertTrue(f.main().nodes().isEmpty());
        }

        @Test
        void block() {
            Ast.TemplateFile f = parse("a{{block \"inner\" .}}bar{{.}}{{end}}b");
            List<Ast.Node> main = f.main().nodes();
            assertEquals(3, main.size());
            Ast.TemplateCall call = assertInstanceOf(Ast.TemplateCall.class, main.get(1));
            assertEquals("inner", call.name());
            assertPos(1, 4, call.pos());
            assertInstanceOf(Ast.Dot.class, call.pipe().cmds().get(0).args().get(0));
            Ast.Definition d = f.definitions().get("inner");
            assertEquals(2, d.body().nodes().size());
        }

        @Test
        void emptyDefinitionMayBeRedefined() {
            Ast.TemplateFile f = parse("{{define \"a\"}} {{end}}{{define \"a\"}}x{{end}}");
            assertEquals("x", text(f.definitions().get("a").body().nodes().get(0)));
        }

        @Test
        void definitionsHaveTheirOwnVariables() {
            assertError(
                    "{{$x := 1}}{{define \"a\"}}{{$x}}{{end}}", "undefined variable \"$x\"", 1, 28);
        }
    }

    // ---------------------------------------------------------------- real templates

    @Nested
    class Goldens {
        @Test
        void counter() throws Exception {
            Ast.TemplateFile f = parse(resource("counter.tmpl"));
            List<Ast.Node> all = walk(f.main());
            List<Ast.If> ifs =
                    all.stream().filter(Ast.If.class::isInstance).map(Ast.If.class::cast).toList();
            assertEquals(2, ifs.size());
            Ast.If top = ifs.get(0);
            assertFalse(top.elseIf());
            assertPos(11, 11, top.pos());
            List<Ast.Arg> cond = top.cond().cmds().get(0).args();
            assertEquals("gt", ((Ast.Identifier) cond.get(0)).name());
            assertEquals(List.of("Counter"), ((Ast.Field) cond.get(1)).names());
            assertEquals(0, ((Ast.Number) cond.get(2)).intValue());
            Ast.If elseIf = assertInstanceOf(Ast.If.class, top.otherwise().nodes().get(0));
            assertTrue(elseIf.elseIf());
            assertPos(13, 16, elseIf.pos());
            assertTrue(text(elseIf.otherwise().nodes().get(0)).contains("Counter is zero"));
            long actions = all.stream().filter(Ast.Action.class::isInstance).count();
            assertEquals(6, actions);
            assertTrue(f.definitions().isEmpty());
        }

        @Test
        void todos() throws Exception {
            Ast.TemplateFile f = parse(resource("todos.tmpl"));
            List<Ast.Node> all = walk(f.main());
            Ast.If todosIf =
                    all.stream()
                            .filter(Ast.If.class::isInstance)
                            .map(Ast.If.class::cast)
                            .filter(i -> i.pos().line() == 40)
                            .findFirst()
                            .orElseThrow();
            assertEquals(
                    List.of("Todos"),
                    ((Ast.Field) todosIf.cond().cmds().get(0).args().get(0)).names());
            Ast.Range range =
                    todosIf.then().nodes().stream()
                            .filter(Ast.Range.class::isInstance)
                            .map(Ast.Range.class::cast)
                            .findFirst()
                            .orElseThrow();
            assertPos(42, 23, range.pos());
            assertEquals(
                    List.of("$index", "$todo"),
                    range.pipe().decl().stream().map(Ast.Variable::name).toList());
            assertTrue(text(todosIf.otherwise().nodes().get(0)).contains("No todos yet"));

            Ast.Action printf =
                    walk(range.body()).stream()
                            .filter(Ast.Action.class::isInstance)
                            .map(Ast.Action.class::cast)
                            .filter(
                                    a ->
                                            a.pipe().cmds().get(0).args().get(0)
                                                    instanceof Ast.Variable)
                            .findFirst()
                            .orElseThrow();
            assertPos(44, 35, printf.pos());
            assertEquals(2, printf.pipe().cmds().size());
            assertEquals(
                    "$index", ((Ast.Variable) printf.pipe().cmds().get(0).args().get(0)).name());
            List<Ast.Arg> second = printf.pipe().cmds().get(1).args();
            assertEquals("printf", ((Ast.Identifier) second.get(0)).name());
            assertEquals("#%d", ((Ast.StringLit) second.get(1)).value());
        }
    }

    // ---------------------------------------------------------------- errors

    @Nested
    class Errors {
        @Test
        void unclosedAction() {
            assertError("ab{{.X", "unclosed action", 1, 7);
            assertError("ab\n  {{.X\n  .Y\n", "unclosed action started at 2:3", 4, 1);
            assertError("{{", "unclosed action", 1, 3);
        }

        @Test
        void unexpectedEndAndElse() {
            assertError("a{{end}}", "unexpected {{end}}", 1, 4);
            assertError("a\n{{ else }}", "unexpected {{else}}", 2, 4);
            assertError("{{else if .X}}", "unexpected {{else}}", 1, 3);
            assertError("{{if .}}{{else}}{{else}}{{end}}", "expected end; found {{else}}", 1, 19);
            assertError(
                    "{{define \"a\"}}{{else}}{{end}}",
                    "unexpected {{else}} in define clause",
                    1,
                    17);
            assertError(
                    "{{range .}}{{else if .}}{{end}}{{end}}", "unexpected <if> in input", 1, 19);
            assertError("{{end x}}", "unexpected \"x\" in end", 1, 7);
            assertError("{{if .}}{{else x}}{{end}}", "unexpected \"x\" in else", 1, 16);
        }

        @Test
        void missingEndPointsAtTheUnclosedAction() {
            assertError(
                    "{{range .X}}\n  {{.}}",
                    "unexpected EOF: missing {{end}} for {{range}} started at 1:3",
                    1,
                    3);
            assertError(
                    "x\n\n\n  {{if .}}{{else}}",
                    "unexpected EOF: missing {{end}} for {{if}} started at 4:5",
                    4,
                    5);
            assertError(
                    "{{define \"x\"}}abc",
                    "unexpected EOF: missing {{end}} for {{define}} started at 1:3",
                    1,
                    3);
        }

        @Test
        void emptyAndBadPipelines() {
            assertError("ab{{}}", "missing value for command", 1, 5);
            assertError("{{ }}", "missing value for command", 1, 4);
            assertError("{{if}}{{end}}", "missing value for if", 1, 5);
            assertError("{{|.X}}", "unexpected \"|\" in command", 1, 3);
            assertError("{{.X | | .Y}}", "unexpected \"|\" in command", 1, 8);
            assertError("{{.X |}}", "missing command after \"|\" in command", 1, 7);
            assertError("{{.X | 1}}", "non executable command in pipeline stage 2", 1, 8);
            assertError("{{( )}}", "missing value for parenthesized pipeline", 1, 5);
            assertError("{{.X else}}", "unexpected <else> in operand", 1, 6);
            assertError("{{if else}}{{end}}", "unexpected <else> in if", 1, 6);
            assertError("{{.X\"a\"}}", "bad character U+0022 '\"'", 1, 5);
            assertError(
                    "{{if .}}{{end \"abcdefghijklm\"}}",
                    "unexpected \"\\\"abcdefghi\"... in end",
                    1,
                    15);
            assertError("{{.X \"abcdefghijklm\" \"a\"b}}", "unexpected \"b\" in operand", 1, 25);
            assertError("{{nil.X}}", "unexpected . after term \"nil\"", 1, 6);
            assertError("{{\"s\".X}}", "unexpected . after term \"\\\"s\\\"\"", 1, 6);
            assertError(
                    "{{define \"a\"}}{{end}}{{if .}}{{define \"b\"}}{{end}}{{end}}",
                    "unexpected <define> in command",
                    1,
                    32);
            assertError("{{template .X}}", "unexpected \".X\" in template clause", 1, 12);
            assertError("{{block \"a\"}}{{end}}", "missing value for block clause", 1, 12);
            assertError("{{define x}}{{end}}", "unexpected \"x\" in define clause", 1, 10);
        }

        @Test
        void parens() {
            assertError("{{.X (1}}", "unclosed left paren", 1, 8);
            assertError("{{.X)}}", "unexpected right paren", 1, 5);
        }

        @Test
        void variables() {
            assertError("{{$x}}", "undefined variable \"$x\"", 1, 3);
            assertError("{{$x = 1}}", "undefined variable \"$x\"", 1, 3);
            assertError("{{$x := $x}}", "undefined variable \"$x\"", 1, 9);
            assertError("{{if .}}{{$x := 1}}{{end}}{{$x}}", "undefined variable \"$x\"", 1, 29);
            assertError(
                    "{{if .}}{{$x := 1}}{{else}}{{$x}}{{end}}", "undefined variable \"$x\"", 1, 30);
            assertError("{{range $i, $v := .}}{{end}}{{$v}}", "undefined variable \"$v\"", 1, 31);
            assertError("{{with $x := .}}{{end}}\n{{$x.A}}", "undefined variable \"$x\"", 2, 3);
            assertError("{{.X $y}}", "undefined variable \"$y\"", 1, 6);
            assertError("{{$x:=1}}{{$x=2}}", "bad character U+003D '='", 1, 14);
        }

        @Test
        void declarations() {
            assertError(
                    "{{range $a, $b, $c := .}}{{end}}", "too many declarations in range", 1, 15);
            assertError("{{$a, $b := 1}}", "too many declarations in command", 1, 5);
            assertError("{{range $k, .}}{{end}}", "range can only initialize variables", 1, 13);
            assertError("{{range $k,}}{{end}}", "missing value for range", 1, 12);
            assertError("{{range $k, $v}}{{end}}", "undefined variable \"$v\"", 1, 13);
            assertError(
                    "{{$v := 1}}{{range $k, $v}}{{end}}",
                    "missing := after range variables",
                    1,
                    20);
            assertError(
                    "{{$x := 1}}{{with $x.y := 3}}{{end}}", "unexpected \":=\" in operand", 1, 24);
            assertError("{{$x : 1}}", "expected :=", 1, 6);
        }

        @Test
        void breakContinue() {
            assertError("a\n{{break}}", "{{break}} outside {{range}}", 2, 3);
            assertError("{{continue}}", "{{continue}} outside {{range}}", 1, 3);
            assertError(
                    "{{range .}}{{else}}{{break}}{{end}}", "{{break}} outside {{range}}", 1, 22);
            assertError(
                    "{{range .}}{{define \"x\"}}{{end}}{{end}}",
                    "unexpected <define> in command",
                    1,
                    14);
            assertError(
                    "{{range .}}{{block \"x\" .}}{{break}}{{end}}{{end}}",
                    "{{break}} outside {{range}}",
                    1,
                    29);
            assertError("{{range .}}{{break 1}}{{end}}", "unexpected \"1\" in {{break}}", 1, 20);
        }

        @Test
        void strings() {
            assertError("{{\"abc}}", "unterminated quoted string", 1, 3);
            assertError("{{\"a\nb\"}}", "unterminated quoted string", 1, 3);
            assertError("{{`abc}}", "unterminated raw quoted string", 1, 3);
            assertError("{{'a}}", "unterminated character constant", 1, 3);
            assertError("{{'ab'}}", "malformed character constant: 'ab'", 1, 3);
            assertError("{{''}}", "malformed character constant: ''", 1, 3);
            assertError("{{'\\\"'}}", "malformed character constant: '\\\"'", 1, 3);
            assertError("{{\"a\\qb\"}}", "invalid escape sequence \\q in string constant", 1, 5);
            assertError("{{\"\\'\"}}", "invalid escape sequence \\' in string constant", 1, 4);
            assertError("{{\"\\uD800\"}}", "invalid escape sequence \\u in string constant", 1, 4);
            assertError("{{\"\\400\"}}", "invalid escape sequence \\4 in string constant", 1, 4);
        }

        @Test
        void numbers() {
            assertError("{{1x}}", "bad number syntax: \"1x\"", 1, 3);
            assertError("{{0x1G}}", "bad number syntax: \"0x1G\"", 1, 3);
            assertError(
                    "{{9223372036854775808}}", "integer overflow: \"9223372036854775808\"", 1, 3);
            assertError(
                    "{{0xFFFFFFFFFFFFFFFFF}}", "integer overflow: \"0xFFFFFFFFFFFFFFFFF\"", 1, 3);
            assertError("{{1.5i}}", "complex constants are not supported", 1, 3);
            assertError("{{1+2i}}", "complex constants are not supported", 1, 3);
            assertError("{{0xi}}", "illegal number syntax: \"0xi\"", 1, 3);
            assertError("{{1__0}}", "illegal number syntax: \"1__0\"", 1, 3);
            assertError("{{09}}", "illegal number syntax: \"09\"", 1, 3);
            assertError("{{1e999}}", "illegal number syntax: \"1e999\"", 1, 3);
            assertError("{{- -}}", "illegal number syntax: \"-\"", 1, 5);
        }

        @Test
        void badCharacters() {
            assertError("{{a#}}", "bad character U+0023 '#'", 1, 4);
            assertError("{{.X-y}}", "bad character U+002D '-'", 1, 5);
            assertError("{{\u0001}}", "unrecognized character in action: U+0001", 1, 3);
            assertError("{{.X #}}", "unexpected \"#\" in operand", 1, 6);
        }

        @Test
        void duplicateDefinitions() {
            assertError(
                    "{{define \"a\"}}x{{end}}\n{{define \"a\"}}y{{end}}",
                    "template: multiple definition of template \"a\"",
                    2,
                    10);
            assertError(
                    "{{define \"a\"}}x{{end}}{{block \"a\" .}}y{{end}}",
                    "template: multiple definition of template \"a\"",
                    1,
                    31);
        }

        @Test
        void errorsInMultiLineActionsSayWhereTheActionStarted() {
            assertError(
                    "{{if\n\"abc}}{{end}}",
                    "unterminated quoted string in action started at 1:1",
                    2,
                    1);
        }
    }
}
