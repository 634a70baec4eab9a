package io.github.livetemplate.processor.parse;

import io.github.livetemplate.processor.parse.Lexer.Kind;
import io.github.livetemplate.processor.parse.Lexer.Token;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for Go {@code text/template} syntax, following the grammar and the
 * error messages of Go's {@code text/template/parse} (Go 1.22).
 *
 * <p>Unlike Go it also checks, at parse time, that assigned variables ({@code $x = …}) are
 * declared, and it ends variables declared in an {@code if}/{@code with}/{@code range} body at the
 * {@code {{else}}}, as execution does. Function names are not checked.
 */
public final class Parser {

    /** {@code {{end}}} seen by a list; the enclosing construct consumes it. */
    private record End(Pos pos) {}

    /** {@code {{else}}}; for {@code {{else if}}} the {@code if} token is still pending. */
    private record Else(Pos pos) {}

    /** A list and the {@code {{end}}} or {@code {{else}}} that ended it. */
    private record ListEnd(Ast.ListNode list, Object end) {}

    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("(\\d+\\.\\d*|\\.\\d+|\\d+(?=[eE]))([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");

    private final Lexer lexer;

    /** Tokens read ahead and pushed back; Go needs up to three. */
    private final Deque<Token> ahead = new ArrayDeque<>();

    private final Map<String, Ast.Definition> definitions = new LinkedHashMap<>();

    /** Variables in scope; {@code $} always is. */
    private List<String> vars = new ArrayList<>(List.of("$"));

    /** How many {@code range} bodies enclose the current point (for break/continue). */
    private int rangeDepth;

    private Parser(String text, int base) {
        this.lexer = new Lexer(text, base);
    }

    /**
     * Parses a template file.
     *
     * @throws TemplateSyntaxException on the first syntax error, with its position
     */
    public static Ast.TemplateFile parse(String text) throws TemplateSyntaxException {
        return parse(text, 0);
    }

    /**
     * Parses one file of a template set; every position's offset has {@code base} added, so that
     * positions of different files of the set never collide (line and column stay the file's own).
     *
     * @throws TemplateSyntaxException on the first syntax error, with its position
     */
    public static Ast.TemplateFile parse(String text, int base) throws TemplateSyntaxException {
        return new Parser(text, base).parseFile();
    }

    // ---------------------------------------------------------------- token stream

    private Token next() throws TemplateSyntaxException {
        return ahead.isEmpty() ? lexer.next() : ahead.pop();
    }

    private void backup(Token t) {
        ahead.push(t);
    }

    private Token peek() throws TemplateSyntaxException {
        Token t = next();
        backup(t);
        return t;
    }

    private Token nextNonSpace() throws TemplateSyntaxException {
        Token t;
        do {
            t = next();
        } while (t.kind() == Kind.SPACE);
        return t;
    }

    private Token peekNonSpace() throws TemplateSyntaxException {
        Token t = nextNonSpace();
        backup(t);
        return t;
    }

    private Token expect(Kind kind, String context) throws TemplateSyntaxException {
        Token t = nextNonSpace();
        if (t.kind() != kind) {
            throw unexpected(t, context);
        }
        return t;
    }

    private Pos pos(Token t) {
        return lexer.pos(t.offset());
    }

    private TemplateSyntaxException error(Token t, String message) {
        return new TemplateSyntaxException(pos(t), message);
    }

    private TemplateSyntaxException unexpected(Token t, String context) {
        return error(t, "unexpected " + t.describe() + " in " + context);
    }

    // ---------------------------------------------------------------- structure

    private Ast.TemplateFile parseFile() throws TemplateSyntaxException {
        Pos listPos = pos(peek());
        List<Ast.Node> nodes = new ArrayList<>();
        while (peek().kind() != Kind.EOF) {
            // {{define}} is only recognised here, at top level.
            if (peek().kind() == Kind.LEFT_DELIM) {
                Token delim = next();
                Token keyword = nextNonSpace();
                if (keyword.kind() == Kind.DEFINE) {
                    parseDefinition(keyword);
                    continue;
                }
                backup(keyword);
                backup(delim);
            }
            Object n = textOrAction();
            if (n instanceof End end) {
                throw new TemplateSyntaxException(end.pos(), "unexpected {{end}}");
            }
            if (n instanceof Else e) {
                throw new TemplateSyntaxException(e.pos(), "unexpected {{else}}");
            }
            nodes.add((Ast.Node) n);
        }
        return new Ast.TemplateFile(
                new Ast.ListNode(listPos, List.copyOf(nodes)),
                Collections.unmodifiableMap(definitions));
    }

    /** {@code {{define "name"}} body {{end}}}, after the {@code define} keyword. */
    private void parseDefinition(Token keyword) throws TemplateSyntaxException {
        final String context = "define clause";
        Token nameToken = nextNonSpace();
        String name = templateName(nameToken, context);
        expect(Kind.RIGHT_DELIM, context);
        Ast.ListNode body = separateTemplateBody("{{define}}", keyword, context);
        addDefinition(new Ast.Definition(pos(keyword), name, body), nameToken);
    }

    /** The body of a define or block: a template of its own, with fresh variables. */
    private Ast.ListNode separateTemplateBody(String opener, Token keyword, String context)
            throws TemplateSyntaxException {
        List<String> savedVars = vars;
        int savedRangeDepth = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        ListEnd body = itemList(opener, keyword);
        if (body.end() instanceof Else e) {
            throw new TemplateSyntaxException(e.pos(), "unexpected {{else}} in " + context);
        }
        vars = savedVars;
        rangeDepth = savedRangeDepth;
        return body.list();
    }

    private void addDefinition(Ast.Definition def, Token nameToken) throws TemplateSyntaxException {
        // As in Go, an empty (white space only) definition may be replaced or ignored.
        Ast.Definition existing = definitions.get(def.name());
        if (existing == null || existing.isEmpty()) {
            definitions.put(def.name(), def);
        } else if (!def.isEmpty()) {
            throw error(
                    nameToken,
                    "template: multiple definition of template " + Lexer.quote(def.name()));
        }
    }

    /** Nodes up to the next {@code {{end}}} or {@code {{else}}}, which is returned separately. */
    private ListEnd itemList(String opener, Token openerToken) throws TemplateSyntaxException {
        Pos listPos = pos(peek());
        List<Ast.Node> nodes = new ArrayList<>();
        while (peek().kind() != Kind.EOF) {
            Object n = textOrAction();
            if (n instanceof End || n instanceof Else) {
                return new ListEnd(new Ast.ListNode(listPos, List.copyOf(nodes)), n);
            }
            nodes.add((Ast.Node) n);
        }
        // The caret goes to the action left open, where the fix belongs (Go's wording names it).
        throw error(
                openerToken,
                "unexpected EOF: missing {{end}} for "
                        + opener
                        + " started at "
                        + pos(openerToken));
    }

    /** A node, or an {@link End} / {@link Else} marker. */
    private Object textOrAction() throws TemplateSyntaxException {
        Token t = nextNonSpace();
        return switch (t.kind()) {
            case TEXT -> new Ast.Text(pos(t), t.text());
            case COMMENT -> new Ast.Comment(pos(t), t.text());
            case LEFT_DELIM -> action();
            default -> throw unexpected(t, "input");
        };
    }

    /** After the left delimiter: a control structure or a pipeline to print. */
    private Object action() throws TemplateSyntaxException {
        Token t = nextNonSpace();
        switch (t.kind()) {
            case BLOCK:
                return blockControl(t);
            case BREAK:
            case CONTINUE:
                return branchControl(t);
            case ELSE:
                return elseControl(t);
            case END:
                expect(Kind.RIGHT_DELIM, "end");
                return new End(pos(t));
            case IF:
                return ifControl(t, false);
            case RANGE:
                return rangeControl(t);
            case TEMPLATE:
                return templateControl(t);
            case WITH:
                return withControl(t, false);
            default:
                backup(t);
                // Declared variables stay in scope until the enclosing {{end}}.
                return new Ast.Action(pos(t), pipeline("command", Kind.RIGHT_DELIM));
        }
    }

    private Ast.Node branchControl(Token keyword) throws TemplateSyntaxException {
        String name = "{{" + keyword.text() + "}}";
        Token t = nextNonSpace();
        if (t.kind() != Kind.RIGHT_DELIM) {
            throw unexpected(t, name);
        }
        if (rangeDepth == 0) {
            throw error(keyword, name + " outside {{range}}");
        }
        return keyword.kind() == Kind.BREAK
                ? new Ast.Break(pos(keyword))
                : new Ast.Continue(pos(keyword));
    }

    private Else elseControl(Token keyword) throws TemplateSyntaxException {
        Kind following = peekNonSpace().kind();
        // "{{else if …" and "{{else with …": leave the keyword for the enclosing if/with.
        if (following != Kind.IF && following != Kind.WITH) {
            expect(Kind.RIGHT_DELIM, "else");
        }
        return new Else(pos(keyword));
    }

    /** The parts shared by if, with and range. */
    private record Control(Ast.Pipeline pipe, Ast.ListNode body, Ast.ListNode otherwise) {}

    private Control parseControl(Token keyword, String context) throws TemplateSyntaxException {
        int outerMark = vars.size();
        Ast.Pipeline pipe = pipeline(context, Kind.RIGHT_DELIM);
        String opener = "{{" + context + "}}";
        int bodyMark = vars.size();
        if (context.equals("range")) {
            rangeDepth++;
        }
        ListEnd body = itemList(opener, keyword);
        popVars(bodyMark);
        if (context.equals("range")) {
            rangeDepth--;
        }
        Ast.ListNode otherwise = null;
        if (body.end() instanceof Else) {
            Token following = peek();
            if (context.equals("if") && following.kind() == Kind.IF) {
                // {{else if}}: the nested if consumes the shared {{end}}.
                next();
                otherwise = new Ast.ListNode(pos(following), List.of(ifControl(following, true)));
            } else if (context.equals("with") && following.kind() == Kind.WITH) {
                next();
                otherwise = new Ast.ListNode(pos(following), List.of(withControl(following, true)));
            } else {
                ListEnd rest = itemList(opener, keyword);
                popVars(bodyMark);
                if (rest.end() instanceof Else e) {
                    throw new TemplateSyntaxException(e.pos(), "expected end; found {{else}}");
                }
                otherwise = rest.list();
            }
        }
        popVars(outerMark);
        return new Control(pipe, body.list(), otherwise);
    }

    private void popVars(int mark) {
        while (vars.size() > mark) {
            vars.remove(vars.size() - 1);
        }
    }

    private Ast.If ifControl(Token keyword, boolean elseIf) throws TemplateSyntaxException {
        Control c = parseControl(keyword, "if");
        return new Ast.If(pos(keyword), c.pipe(), c.body(), c.otherwise(), elseIf);
    }

    private Ast.With withControl(Token keyword, boolean elseWith) throws TemplateSyntaxException {
        Control c = parseControl(keyword, "with");
        return new Ast.With(pos(keyword), c.pipe(), c.body(), c.otherwise(), elseWith);
    }

    private Ast.Range rangeControl(Token keyword) throws TemplateSyntaxException {
        Control c = parseControl(keyword, "range");
        return new Ast.Range(pos(keyword), c.pipe(), c.body(), c.otherwise());
    }

    private Ast.TemplateCall templateControl(Token keyword) throws TemplateSyntaxException {
        final String context = "template clause";
        String name = templateName(nextNonSpace(), context);
        Ast.Pipeline pipe = null;
        Token t = nextNonSpace();
        if (t.kind() != Kind.RIGHT_DELIM) {
            backup(t);
            pipe = pipeline(context, Kind.RIGHT_DELIM);
        }
        return new Ast.TemplateCall(pos(keyword), name, pipe);
    }

    /** {@code {{block "name" pipe}} body {{end}}}: a definition plus a call in place. */
    private Ast.TemplateCall blockControl(Token keyword) throws TemplateSyntaxException {
        final String context = "block clause";
        Token nameToken = nextNonSpace();
        String name = templateName(nameToken, context);
        Ast.Pipeline pipe = pipeline(context, Kind.RIGHT_DELIM);
        Ast.ListNode body = separateTemplateBody("{{block}}", keyword, context);
        addDefinition(new Ast.Definition(pos(keyword), name, body, true), nameToken);
        return new Ast.TemplateCall(pos(keyword), name, pipe);
    }

    private String templateName(Token t, String context) throws TemplateSyntaxException {
        return switch (t.kind()) {
            case STRING, RAW_STRING -> unquote(t);
            default -> throw unexpected(t, context);
        };
    }

    // ---------------------------------------------------------------- pipelines

    /**
     * {@code [decl :=|=] command (| command)*} up to {@code end} (a right delimiter or paren),
     * which is consumed. {@code context} names the construct in error messages.
     */
    private Ast.Pipeline pipeline(String context, Kind end) throws TemplateSyntaxException {
        Pos pipePos = pos(peekNonSpace());
        List<Ast.Variable> decl = new ArrayList<>();
        boolean isAssign = false;
        boolean declared = false;
        while (peekNonSpace().kind() == Kind.VARIABLE) {
            Token v = next();
            // "$x := …" or "$x foo": a space is a token, hence three tokens of look-ahead.
            Token afterVariable = peek();
            Token following = peekNonSpace();
            if (following.kind() == Kind.ASSIGN || following.kind() == Kind.DECLARE) {
                isAssign = following.kind() == Kind.ASSIGN;
                nextNonSpace();
                decl.add(new Ast.Variable(pos(v), v.text(), List.of()));
                declared = true;
                break;
            }
            if (following.kind() == Kind.CHAR && following.text().equals(",")) {
                nextNonSpace();
                decl.add(new Ast.Variable(pos(v), v.text(), List.of()));
                if (context.equals("range") && decl.size() < 2) {
                    Kind k = peekNonSpace().kind();
                    if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
                        continue; // the second variable of a range
                    }
                    throw error(peekNonSpace(), "range can only initialize variables");
                }
                throw error(following, "too many declarations in " + context);
            }
            // Not a declaration: $x is the first operand.
            if (afterVariable.kind() == Kind.SPACE) {
                backup(afterVariable);
            }
            backup(v);
            break;
        }

        List<Ast.Command> cmds = new ArrayList<>();
        boolean afterPipe = false;
        while (true) {
            Token t = nextNonSpace();
            if (t.kind() == end) {
                if (afterPipe) {
                    throw error(t, "missing command after \"|\" in " + context);
                }
                checkPipeline(cmds, context, t);
                break;
            }
            if (!startsOperand(t.kind())) {
                throw unexpected(t, context);
            }
            backup(t);
            afterPipe = command(cmds);
        }

        if (!decl.isEmpty() && !declared) {
            // "$i, $v" must go on with ":=" or "=" (Go would treat $v as the operand).
            throw new TemplateSyntaxException(
                    decl.get(0).pos(), "missing := after range variables");
        }
        for (Ast.Variable v : decl) {
            if (isAssign) {
                checkDefined(v.pos(), v.name());
            } else {
                vars.add(v.name()); // visible after this pipeline, not inside it
            }
        }
        return new Ast.Pipeline(pipePos, isAssign, List.copyOf(decl), List.copyOf(cmds));
    }

    private static boolean startsOperand(Kind kind) {
        return switch (kind) {
            case BOOL,
                    CHAR_CONSTANT,
                    COMPLEX,
                    DOT,
                    FIELD,
                    IDENTIFIER,
                    NUMBER,
                    NIL,
                    RAW_STRING,
                    STRING,
                    VARIABLE,
                    LEFT_PAREN ->
                    true;
            default -> false;
        };
    }

    private void checkPipeline(List<Ast.Command> cmds, String context, Token end)
            throws TemplateSyntaxException {
        if (cmds.isEmpty()) {
            throw error(end, "missing value for " + context);
        }
        // Only the first command may start with a constant (A | B: B receives A's value).
        for (int i = 1; i < cmds.size(); i++) {
            Ast.Arg first = cmds.get(i).args().get(0);
            if (first instanceof Ast.Bool
                    || first instanceof Ast.Dot
                    || first instanceof Ast.Nil
                    || first instanceof Ast.Number
                    || first instanceof Ast.StringLit) {
                throw new TemplateSyntaxException(
                        first.pos(), "non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    /** Parses one command into {@code cmds}; returns whether it ended with {@code |}. */
    private boolean command(List<Ast.Command> cmds) throws TemplateSyntaxException {
        Token first = peekNonSpace();
        List<Ast.Arg> args = new ArrayList<>();
        boolean piped = false;
        loop:
        while (true) {
            peekNonSpace(); // skip leading spaces
            Ast.Arg operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token t = next();
            switch (t.kind()) {
                case SPACE:
                    continue;
                case RIGHT_DELIM:
                case RIGHT_PAREN:
                    backup(t);
                    break loop;
                case PIPE:
                    piped = true;
                    break loop;
                default:
                    throw unexpected(t, "operand");
            }
        }
        if (args.isEmpty()) {
            throw error(first, "empty command");
        }
        cmds.add(new Ast.Command(pos(first), List.copyOf(args)));
        return piped;
    }

    /** A term followed by any {@code .Field}s, or null if the next token starts no term. */
    private Ast.Arg operand() throws TemplateSyntaxException {
        Ast.Arg term = term();
        if (term == null || peek().kind() != Kind.FIELD) {
            return term;
        }
        Token firstField = peek();
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Kind.FIELD) {
            fields.add(next().text().substring(1));
        }
        if (term instanceof Ast.Field f) {
            return new Ast.Field(f.pos(), concat(f.names(), fields));
        }
        if (term instanceof Ast.Variable v) {
            return new Ast.Variable(v.pos(), v.name(), concat(v.fields(), fields));
        }
        // Fields of a constant are certainly an error; others are left to the type checker.
        String constant = null;
        if (term instanceof Ast.Bool b) {
            constant = String.valueOf(b.value());
        } else if (term instanceof Ast.StringLit str) {
            constant = str.quoted();
        } else if (term instanceof Ast.Number n) {
            constant = n.text();
        } else if (term instanceof Ast.Nil) {
            constant = "nil";
        } else if (term instanceof Ast.Dot) {
            constant = ".";
        }
        if (constant != null) {
            throw error(firstField, "unexpected . after term " + Lexer.quote(constant));
        }
        return new Ast.Chain(term.pos(), term, List.copyOf(fields));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private Ast.Arg term() throws TemplateSyntaxException {
        Token t = nextNonSpace();
        Pos p = pos(t);
        switch (t.kind()) {
            case IDENTIFIER:
                return new Ast.Identifier(p, t.text());
            case DOT:
                return new Ast.Dot(p);
            case NIL:
                return new Ast.Nil(p);
            case VARIABLE:
                checkDefined(p, t.text());
                return new Ast.Variable(p, t.text(), List.of());
            case FIELD:
                return new Ast.Field(p, List.of(t.text().substring(1)));
            case BOOL:
                return new Ast.Bool(p, t.text().equals("true"));
            case NUMBER:
            case COMPLEX:
            case CHAR_CONSTANT:
                return number(t);
            case LEFT_PAREN:
                return new Ast.PipeArg(p, pipeline("parenthesized pipeline", Kind.RIGHT_PAREN));
            case STRING:
            case RAW_STRING:
                return new Ast.StringLit(p, t.text(), unquote(t));
            default:
                backup(t);
                return null;
        }
    }

    private void checkDefined(Pos p, String name) throws TemplateSyntaxException {
        if (!vars.contains(name)) {
            throw new TemplateSyntaxException(p, "undefined variable " + Lexer.quote(name));
        }
    }

    // ---------------------------------------------------------------- constants

    private Ast.Number number(Token t) throws TemplateSyntaxException {
        String text = t.text();
        Pos p = pos(t);
        if (t.kind() == Kind.CHAR_CONSTANT) {
            Decoded d = decode(t, 1, '\'');
            if (d == null || d.next() != text.length() - 1) {
                throw error(t, "malformed character constant: " + text);
            }
            return new Ast.Number(p, text, true, d.value(), true, d.value());
        }
        if (t.kind() == Kind.COMPLEX) {
            throw error(t, "complex constants are not supported");
        }
        if (text.endsWith("i")) {
            // An imaginary constant: say so only if the rest is a valid number.
            numberValue(p, text.substring(0, text.length() - 1), text);
            throw error(t, "complex constants are not supported");
        }
        return numberValue(p, text, text);
    }

    /** The value of {@code s}, with Go's rules for base prefixes, underscores and floats. */
    private static Ast.Number numberValue(Pos p, String s, String text)
            throws TemplateSyntaxException {
        boolean negative = s.startsWith("-");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (body.isEmpty() || !underscoresOk(body)) {
            throw new TemplateSyntaxException(p, "illegal number syntax: " + Lexer.quote(text));
        }
        String clean = body.replace("_", "");
        int base = 10;
        String digits = clean;
        String lower = clean.toLowerCase();
        if (lower.startsWith("0x")) {
            base = 16;
            digits = clean.substring(2);
        } else if (lower.startsWith("0o")) {
            base = 8;
            digits = clean.substring(2);
        } else if (lower.startsWith("0b")) {
            base = 2;
            digits = clean.substring(2);
        } else if (clean.length() > 1
                && clean.startsWith("0")
                && clean.chars().allMatch(Character::isDigit)) {
            base = 8; // legacy octal: 017
            digits = clean.substring(1);
        }
        if (!digits.isEmpty() && allDigits(digits, base)) {
            BigInteger value = new BigInteger(digits, base);
            if (negative) {
                value = value.negate();
            }
            if (value.bitLength() > 63) {
                throw new TemplateSyntaxException(p, "integer overflow: " + Lexer.quote(text));
            }
            long l = value.longValue();
            return new Ast.Number(p, text, true, l, true, l);
        }
        if (DECIMAL_FLOAT.matcher(clean).matches() || HEX_FLOAT.matcher(clean).matches()) {
            double d = Double.parseDouble((negative ? "-" : "") + clean);
            if (!Double.isInfinite(d)) {
                // Like Go, a float with an integral value is also an integer.
                boolean isInt = d == Math.rint(d) && Math.abs(d) < 0x1p63;
                return new Ast.Number(p, text, isInt, isInt ? (long) d : 0, true, d);
            }
        }
        throw new TemplateSyntaxException(p, "illegal number syntax: " + Lexer.quote(text));
    }

    private static boolean allDigits(String digits, int base) {
        return digits.chars().allMatch(c -> Character.digit(c, base) >= 0);
    }

    /** Go's rule: an underscore must sit between digits, or follow a base prefix. */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
            i = 2;
            saw = '0';
            hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || hex && Character.digit(c, 16) >= 0) {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    /** One decoded char or escape: a code point, or a byte (from \x or octal escapes). */
    private record Decoded(int value, boolean isByte, int next) {}

    /** The string value of a quoted or raw string token. */
    private String unquote(Token t) throws TemplateSyntaxException {
        String s = t.text();
        if (t.kind() == Kind.RAW_STRING) {
            return s.substring(1, s.length() - 1).replace("\r", ""); // as Go's strconv.Unquote
        }
        // Go strings are bytes: \x and octal escapes are bytes of the UTF-8 text.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 1;
        while (i < s.length() - 1) {
            Decoded d = decode(t, i, '"');
            if (d == null) {
                int end = Math.min(i + 2, s.length() - 1);
                throw new TemplateSyntaxException(
                        lexer.pos(t.offset() + i),
                        "invalid escape sequence " + s.substring(i, end) + " in string constant");
            }
            if (d.isByte()) {
                bytes.write(d.value());
            } else {
                byte[] utf8 =
                        new String(Character.toChars(d.value())).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
            i = d.next();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Decodes the char or escape at {@code i}; null if it is invalid. */
    private static Decoded decode(Token t, int i, char quote) {
        String s = t.text();
        int end = s.length() - 1; // the closing quote
        if (i >= end) {
            return null;
        }
        int c = s.codePointAt(i);
        if (c != '\\') {
            return c == quote ? null : new Decoded(c, false, i + Character.charCount(c));
        }
        if (i + 1 >= end) {
            return null;
        }
        char e = s.charAt(i + 1);
        int after = i + 2;
        switch (e) {
            case 'a':
                return new Decoded(7, false, after);
            case 'b':
                return new Decoded('\b', false, after);
            case 'f':
                return new Decoded('\f', false, after);
            case 'n':
                return new Decoded('\n', false, after);
            case 'r':
                return new Decoded('\r', false, after);
            case 't':
                return new Decoded('\t', false, after);
            case 'v':
                return new Decoded(11, false, after);
            case '\\':
                return new Decoded('\\', false, after);
            case '\'':
            case '"':
                return e == quote ? new Decoded(e, false, after) : null;
            case 'x':
                return hex(s, after, 2, end, true);
            case 'u':
                return hex(s, after, 4, end, false);
            case 'U':
                return hex(s, after, 8, end, false);
            default:
                break;
        }
        if (e >= '0' && e <= '7') {
            // Exactly three octal digits, at most \377.
            if (i + 4 > end) {
                return null;
            }
            int v = 0;
            for (int k = i + 1; k < i + 4; k++) {
                int d = Character.digit(s.charAt(k), 8);
                if (d < 0) {
                    return null;
                }
                v = v * 8 + d;
            }
            return v > 255 ? null : new Decoded(v, true, i + 4);
        }
        return null;
    }

    private static Decoded hex(String s, int from, int n, int end, boolean isByte) {
        if (from + n > end) {
            return null;
        }
        int v = 0;
        for (int k = from; k < from + n; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return null;
            }
            v = v * 16 + d;
        }
        if (!isByte && (v > Character.MAX_CODE_POINT || v >= 0xD800 && v < 0xE000)) {
            return null;
        }
        return new Decoded(v, isByte, from + n);
    }
}
