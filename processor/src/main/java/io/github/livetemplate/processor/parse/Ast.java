package io.github.livetemplate.processor.parse;

import java.util.List;

/**
 * The parse tree of a Go {@code text/template} file, close to Go's {@code text/template/parse}.
 * Every node carries the position where it starts in the template file. Trim markers are already
 * applied to {@link Text} nodes.
 */
public final class Ast {
    private Ast() {}

    /** A node of a template body. */
    public sealed interface Node
            permits Text, Action, If, With, Range, TemplateCall, Break, Continue, Comment {
        Pos pos();
    }

    /** A sequence of nodes. */
    public record ListNode(Pos pos, List<Node> nodes) {}

    /** Literal text between actions. */
    public record Text(Pos pos, String text) implements Node {}

    /** A template comment {@code {{/* … *}{@code /}}}; produces no output. */
    public record Comment(Pos pos, String text) implements Node {}

    /** {@code {{pipeline}}}; prints unless the pipeline declares or assigns variables. */
    public record Action(Pos pos, Pipeline pipe) implements Node {}

    /**
     * {@code {{if pipe}} then {{else}} else {{end}}}. {@code {{else if x}}} is represented as an
     * else list holding a single nested {@code If} whose {@code elseIf} flag is set.
     */
    public record If(Pos pos, Pipeline cond, ListNode then, ListNode otherwise, boolean elseIf)
            implements Node {}

    /** {@code {{with pipe}} then {{else}} otherwise {{end}}}; {@code {{else with x}}} as for if. */
    public record With(Pos pos, Pipeline value, ListNode then, ListNode otherwise, boolean elseWith)
            implements Node {}

    /** {@code {{range [$i, $v :=] pipe}} body {{else}} otherwise {{end}}}. */
    public record Range(Pos pos, Pipeline pipe, ListNode body, ListNode otherwise)
            implements Node {}

    /** {@code {{template "name" [pipe]}}}; {@code pipe} is null when absent. */
    public record TemplateCall(Pos pos, String name, Pipeline pipe) implements Node {}

    /** {@code {{break}}} inside a range. */
    public record Break(Pos pos) implements Node {}

    /** {@code {{continue}}} inside a range. */
    public record Continue(Pos pos) implements Node {}

    /**
     * A pipeline: optional variable declarations ({@code $x :=}, or {@code $i, $v :=} in range) or
     * an assignment ({@code $x =}, {@code isAssign}), then commands separated by {@code |}.
     */
    public record Pipeline(Pos pos, boolean isAssign, List<Variable> decl, List<Command> cmds) {}

    /** One command: an operand, or a function/method followed by its arguments. */
    public record Command(Pos pos, List<Arg> args) {}

    /** An operand inside a command. */
    public sealed interface Arg
            permits Dot, Nil, Bool, Number, StringLit, Identifier, Field, Variable, Chain, PipeArg {
        Pos pos();
    }

    /** {@code .} */
    public record Dot(Pos pos) implements Arg {}

    /** {@code nil} */
    public record Nil(Pos pos) implements Arg {}

    /** {@code true} or {@code false} */
    public record Bool(Pos pos, boolean value) implements Arg {}

    /**
     * A number constant as written ({@code 42}, {@code -1}, {@code 0x1F}, {@code 1.5e3}, {@code
     * 'a'}, {@code 1_000}). {@code isInt} when it is an integer (character constants are integers);
     * {@code isFloat} when it has a float form.
     */
    public record Number(
            Pos pos, String text, boolean isInt, long intValue, boolean isFloat, double floatValue)
            implements Arg {}

    /** A string constant; {@code value} is unquoted. */
    public record StringLit(Pos pos, String quoted, String value) implements Arg {}

    /** A function name such as {@code printf}. */
    public record Identifier(Pos pos, String name) implements Arg {}

    /** A field chain on dot: {@code .A.B} has {@code names = [A, B]}. */
    public record Field(Pos pos, List<String> names) implements Arg {}

    /** A variable, optionally with fields: {@code $x.A.B}; {@code name} includes the {@code $}. */
    public record Variable(Pos pos, String name, List<String> fields) implements Arg {}

    /** Fields applied to a parenthesised pipeline or other operand: {@code (pipe).A.B}. */
    public record Chain(Pos pos, Arg operand, List<String> fields) implements Arg {}

    /** A parenthesised pipeline used as an operand. */
    public record PipeArg(Pos pos, Pipeline pipe) implements Arg {}

    /**
     * A parsed template file: its main body and the templates it defines with {@code {{define}}} or
     * {@code {{block}}}.
     */
    public record TemplateFile(ListNode main, java.util.Map<String, Definition> definitions) {}

    /**
     * A named template from {@code {{define "name"}}} or ({@code block}) {@code {{block "name"
     * …}}}.
     */
    public record Definition(Pos pos, String name, ListNode body, boolean block) {
        public Definition(Pos pos, String name, ListNode body) {
            this(pos, name, body, false);
        }

        /** Whether the body is only white space and comments (Go's {@code IsEmptyTree}). */
        public boolean isEmpty() {
            for (Node n : body.nodes()) {
                boolean empty =
                        n instanceof Comment
                                || n instanceof Text t
                                        && t.text().chars().allMatch(Character::isWhitespace);
                if (!empty) {
                    return false;
                }
            }
            return true;
        }
    }
}
