package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.check.HtmlScanner.Escaping;
import io.github.livetemplate.processor.check.HtmlScanner.TagEvent;
import io.github.livetemplate.processor.model.Escaper;
import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.Op;
import io.github.livetemplate.processor.model.RangeInfo;
import io.github.livetemplate.processor.model.Template;
import io.github.livetemplate.processor.model.Var;
import io.github.livetemplate.processor.parse.Ast;
import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Turns a parsed template into the node model: types every expression against the record, tracks
 * the HTML context through static text to pick each value's escaping, splits the page at {@code
 * <body>}, numbers slots and finds range row keys.
 */
public final class TemplateCompiler {

    private final TypeKit kit;
    private final Diagnostics diagnostics;
    private final Ast.TemplateFile file;
    private final ExprChecker checker;
    private final Map<Var, Node> declaredIn = new HashMap<>();
    private final Deque<Node> nodes = new ArrayDeque<>();
    private final Deque<String> inlining = new ArrayDeque<>();

    /** The definitions the page expanded or called, for its hash. */
    private final Set<Ast.Definition> used = new java.util.LinkedHashSet<>();

    /** Templates that call themselves, directly or through others; computed on first use. */
    private Set<String> recursive;

    /** The recursive templates whose body is being walked, by name. */
    private final Map<String, Recursive> active = new HashMap<>();

    /**
     * A recursive template's node while its body is walked: its dot, and the node stacks of the
     * calls from inside it (they pass the node's parameters on, see {@link #recursiveCall}).
     */
    private record Recursive(Node body, Var dot, List<List<Node>> sites) {}

    private final Map<String, Integer> names = new HashMap<>();
    private final Set<String> javaNames = new HashSet<>();
    private final List<Node> liveNodes = new ArrayList<>();
    private final List<Node> htmlOnlyNodes = new ArrayList<>();
    private final List<RangeInfo> ranges = new ArrayList<>();

    private HtmlContext ctx = HtmlContext.text();

    /** Page regions: 0 = head of a document, 1 = live body, 2 = after {@code </body>}. */
    private int region;

    private boolean document;

    private TemplateCompiler(
            TypeKit kit,
            Diagnostics diagnostics,
            Ast.TemplateFile file,
            Map<String, List<ExecutableElement>> functions) {
        this.kit = kit;
        this.diagnostics = diagnostics;
        this.file = file;
        this.checker = new ExprChecker(kit, diagnostics, functions, this::use);
    }

    /**
     * Checks {@code file} against {@code record}; problems go to {@code diagnostics}.
     *
     * @param text the main file's text
     * @param pageText the text the page's hash is taken over, given the definitions the page used:
     *     the main file's and those of the files defining them
     * @param file the template set: the main file's body and every file's definitions
     * @param functions user functions by template name
     */
    public static Template compile(
            javax.annotation.processing.ProcessingEnvironment env,
            TypeElement record,
            String path,
            String text,
            java.util.function.Function<java.util.Collection<Ast.Definition>, String> pageText,
            Ast.TemplateFile file,
            Map<String, List<ExecutableElement>> functions,
            Diagnostics diagnostics) {
        TemplateCompiler c = new TemplateCompiler(new TypeKit(env), diagnostics, file, functions);
        return c.run(record, path, text, pageText);
    }

    private Template run(
            TypeElement record,
            String path,
            String text,
            java.util.function.Function<java.util.Collection<Ast.Definition>, String> pageText) {
        Var root = newVar("state", record.asType(), "$");
        Node page = new Node("Page", new Pos(0, 1, 1));
        region =
                PageLayout.startsAsDocument(text)
                                || PageLayout.startsAsDocument(leadingCallText(file.main()))
                        ? 0
                        : 1;
        document = region == 0;
        nodes.push(page);
        javax.lang.model.element.TypeElement context =
                kit.typeElement(
                        io.github.livetemplate.processor.generate.RuntimeTypes.name(
                                io.github.livetemplate.processor.generate.RuntimeTypes
                                        .TEMPLATE_CONTEXT));
        Var lvt = context == null ? null : newVar("lvt", context.asType(), ".lvt");
        checker.lvt(lvt, record.asType());
        Scope scope = new Scope(null, root, page);
        scope.declare("$", root);
        walk(file.main().nodes(), scope);
        nodes.pop();
        Pos end = PageLayout.endOf(text);
        if (document && region == 0) {
            diagnostics.error(
                    new Pos(0, 1, 1),
                    "NoBody",
                    "the template starts like a full document but has no <body> tag");
        } else if (document && region == 1) {
            diagnostics.error(end, "NoBody", "missing </body>: the page must close its <body>");
        }
        if (ctx.state() != HtmlContext.State.TEXT) {
            diagnostics.warning(
                    end,
                    "UnclosedHtml",
                    "the template ends inside "
                            + PageLayout.describe(ctx.state())
                            + "; is a tag, quote or comment left open?");
        }
        return new Template(
                record,
                path,
                root,
                page,
                document,
                liveNodes,
                htmlOnlyNodes,
                ranges,
                SharedParents.of(page),
                PageLayout.hash(pageText.apply(used)),
                checker.lvtUsed() ? lvt : null);
    }

    /**
     * The text a page starts with when its main body starts with a template call (a content file
     * that calls its layout): the called template's leading text, so a layout that is a full
     * document makes the page one. "" otherwise.
     */
    private String leadingCallText(Ast.ListNode body) {
        Set<String> seen = new HashSet<>();
        while (body != null) {
            Ast.Node first = null;
            for (Ast.Node n : body.nodes()) {
                if (n instanceof Ast.Comment || n instanceof Ast.Text t && t.text().isBlank()) {
                    continue;
                }
                first = n;
                break;
            }
            if (!(first instanceof Ast.TemplateCall call) || !seen.add(call.name())) {
                return first instanceof Ast.Text t && !seen.isEmpty() ? t.text() : "";
            }
            Ast.Definition def = file.definitions().get(call.name());
            body = def == null ? null : def.body();
        }
        return "";
    }

    // ------------------------------------------------------------------ variables and nodes

    private Var newVar(String base, TypeMirror type, String description) {
        String name = JavaNames.javaIdentifier(base);
        String unique = name;
        for (int i = 2; !javaNames.add(unique); i++) {
            unique = name + i;
        }
        Var v = new Var(unique, type, description);
        declaredIn.put(v, nodes.peek());
        return v;
    }

    /** Records that the current node reads {@code v}: every node between here and its owner. */
    private void use(Var v) {
        Node owner = declaredIn.get(v);
        for (Node n : nodes) {
            if (n == owner) {
                return;
            }
            n.params().add(v);
        }
    }

    private String nodeName(String base) {
        int n = names.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "_" + n;
    }

    private Node newNode(String base, Pos pos) {
        return newNode(base, pos, false);
    }

    /** A node named {@code base}, made unique unless {@code exact} (already unique). */
    private Node newNode(String base, Pos pos, boolean exact) {
        Node n = new Node(exact ? base : nodeName(base), pos);
        (live() ? liveNodes : htmlOnlyNodes).add(n);
        return n;
    }

    private boolean live() {
        return region == 1;
    }

    private Node node() {
        return nodes.peek();
    }

    private boolean atPageLevel() {
        return nodes.size() == 1;
    }

    // ------------------------------------------------------------------ walking

    private void walk(List<Ast.Node> list, Scope scope) {
        for (Ast.Node n : list) {
            if (n instanceof Ast.Text t) {
                text(t);
            } else if (n instanceof Ast.Action a) {
                action(a, scope);
            } else if (n instanceof Ast.If i) {
                conditional(n, scope);
            } else if (n instanceof Ast.With w) {
                conditional(n, scope);
            } else if (n instanceof Ast.Range r) {
                range(r, scope);
            } else if (n instanceof Ast.TemplateCall call) {
                templateCall(call, scope);
            } else if (n instanceof Ast.Break || n instanceof Ast.Continue) {
                diagnostics.error(
                        n.pos(),
                        "Unsupported",
                        "{{break}} and {{continue}} are supported only as {{if cond}}"
                                + "{{continue}}{{end}} or {{if cond}}{{break}}{{end}} at the start "
                                + "of a {{range}} body; elsewhere, filter the list in Java (a record "
                                + "method)");
            }
            // Comments produce nothing.
        }
    }

    private void text(Ast.Text t) {
        HtmlScanner.ScanResult r = HtmlScanner.scan(ctx, t.text());
        ctx = r.end();
        String out = r.output();
        int from = 0;
        for (TagEvent e : r.events()) {
            if (!e.name().equals("body") || !document) {
                continue;
            }
            boolean start = e.kind() == TagEvent.Kind.START_TAG_END;
            if (!atPageLevel()) {
                diagnostics.error(
                        t.pos(),
                        "BodyInBlock",
                        "<body> and </body> must not be inside {{if}}, {{with}} or {{range}}");
                continue;
            }
            if (start && region == 0) {
                addStatic(out, from, e.offset(), t.pos());
                from = e.offset();
                region = 1;
            } else if (!start && region == 1 && e.offset() >= 0) {
                addStatic(out, from, e.offset(), t.pos());
                from = e.offset();
                region = 2;
            }
        }
        addStatic(out, from, out.length(), t.pos());
    }

    /** Adds {@code out[from, to)}; its position counts from the text's start (comments aside). */
    private void addStatic(String out, int from, int to, Pos start) {
        if (from >= to) {
            return;
        }
        int line = start.line();
        int column = start.column();
        for (int i = 0; i < from; i++) {
            if (out.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        node().items()
                .add(
                        new Item.Static(
                                out.substring(from, to),
                                new Pos(start.offset() + from, line, column),
                                live()));
    }

    private void action(Ast.Action a, Scope scope) {
        Ast.Pipeline p = a.pipe();
        Expr value = checker.pipeline(p, scope);
        if (!p.decl().isEmpty()) {
            declare(p, value, scope);
            return;
        }
        if (checker.isError(value)) {
            return;
        }
        Escaping esc = HtmlScanner.escapingFor(ctx);
        HtmlContext before = ctx;
        if (esc.isError()) {
            diagnostics.error(a.pos(), "BadContext", esc.error());
            return;
        }
        ctx = HtmlScanner.afterDynamic(ctx);
        if (esc.kind() == Escaping.Kind.DROP) {
            return;
        }
        Escaper.Kind kind = Escaper.Kind.valueOf(esc.kind().name());
        if (value instanceof Expr.Func f && escapes(f.name(), kind)) {
            kind = Escaper.Kind.RAW;
        }
        Escaper escaper = new Escaper(kind, delim(esc.delim()), before.isText());
        if (!printable(value.type(), escaper)) {
            diagnostics.error(
                    a.pos(),
                    "NotPrintable",
                    "can't print a value of type "
                            + kit.describe(value.type())
                            + (kit.isIterable(value.type()) || kit.isArray(value.type())
                                    ? ": range over it, or print one of its elements"
                                    : ": print one of its fields"));
            return;
        }
        node().items().add(new Item.Print(value, escaper, a.pos(), source(p), live()));
    }

    /** Whether the built-in {@code function} already escapes for {@code kind}. */
    private static boolean escapes(String function, Escaper.Kind kind) {
        return switch (function) {
            case "html" -> kind == Escaper.Kind.HTML;
            case "urlquery" -> kind == Escaper.Kind.URL_QUERY;
            case "js" -> kind == Escaper.Kind.JS_STRING;
            default -> false;
        };
    }

    private static Escaper.Delim delim(HtmlContext.Delim d) {
        return switch (d) {
            case NONE -> Escaper.Delim.NONE;
            case UNQUOTED -> Escaper.Delim.UNQUOTED;
            default -> Escaper.Delim.QUOTED;
        };
    }

    private boolean printable(TypeMirror t, Escaper escaper) {
        if (kit.isStringLike(t)
                || kit.isNumber(t)
                || kit.isBoolean(t)
                || kit.isEnum(t)
                || kit.isTrustedHtml(t)
                || kit.isTrustedAttr(t)
                || kit.isObject(t)
                || t.getKind() == javax.lang.model.type.TypeKind.NULL) {
            return true;
        }
        if (escaper.kind() == Escaper.Kind.JS_VALUE) {
            return kit.isIterable(t) || kit.isMap(t) || kit.isArray(t) || kit.isOptional(t);
        }
        if (kit.isOptional(t)) {
            return printable(kit.optionalValueType(t), escaper);
        }
        // Other declared types print with toString() unless they are containers or records.
        return t.getKind() == javax.lang.model.type.TypeKind.DECLARED
                && !kit.isRecord(t)
                && !kit.isIterable(t)
                && !kit.isMap(t);
    }

    private void declare(Ast.Pipeline p, Expr value, Scope scope) {
        if (p.decl().size() != 1) {
            diagnostics.error(p.pos(), "Syntax", "only range may declare two variables");
            return;
        }
        String name = p.decl().get(0).name();
        if (p.isAssign()) {
            Var target = scope.find(name);
            if (target == null) {
                diagnostics.error(
                        p.pos(), "UndefinedVariable", "undefined variable \"" + name + "\"");
                return;
            }
            if (declaredIn.get(target) != node()) {
                diagnostics.error(
                        p.pos(),
                        "Unsupported",
                        "assigning "
                                + name
                                + " inside {{if}}, "
                                + "{{with}} or {{range}} when it was declared outside is not supported; "
                                + "declare a new variable or compute the value in Java");
                return;
            }
            if (!checker.isError(value) && !kit.isAssignable(value.type(), target.type(), true)) {
                diagnostics.error(
                        p.pos(),
                        "WrongArgumentType",
                        "can't assign "
                                + kit.describe(value.type())
                                + " to "
                                + name
                                + " of type "
                                + kit.describe(target.type()));
                return;
            }
            use(target);
            node().items().add(new Item.Let(target, value, true, p.pos(), live()));
            return;
        }
        Var v = newVar(name.substring(1), value.type(), name);
        scope.declare(name, v);
        node().items().add(new Item.Let(v, value, false, p.pos(), live()));
    }

    private static String source(Ast.Pipeline p) {
        return PipelineText.of(p);
    }

    // ------------------------------------------------------------------ if / with

    private void conditional(Ast.Node first, Scope scope) {
        String kind = first instanceof Ast.If ? "If" : "With";
        Pos pos = first.pos();
        String base = nodeName(kind + pos.line());
        List<Item.Condition> conditions = new ArrayList<>();
        List<Ast.ListNode> bodies = new ArrayList<>();
        Ast.ListNode otherwise = null;
        Ast.Node current = first;
        List<Var> withDots = new ArrayList<>();
        while (current != null) {
            Ast.Node next = null;
            if (current instanceof Ast.If i) {
                Expr test = declared(i.cond(), checker.pipeline(i.cond(), scope), scope);
                conditions.add(
                        new Item.Condition(checker.truth(test), null, null, source(i.cond())));
                withDots.add(null);
                bodies.add(i.then());
                otherwise = i.otherwise();
            } else {
                Ast.With w = (Ast.With) current;
                Expr value = declared(w.value(), checker.pipeline(w.value(), scope), scope);
                Expr bound = value;
                TypeMirror dotType = value.type();
                if (kit.isOptional(dotType)) {
                    dotType = kit.optionalValueType(dotType);
                    bound =
                            new Expr.Func(
                                    "get", Op.OPTIONAL_GET, List.of(value), dotType, value.cheap());
                }
                Var dot =
                        newVar(
                                JavaNames.dotName(w.value()),
                                dotType,
                                "dot of {{with " + source(w.value()) + "}}");
                if (checker.isError(value)) {
                    checker.poison(dot, "");
                }
                conditions.add(
                        new Item.Condition(checker.truth(value), dot, bound, source(w.value())));
                withDots.add(dot);
                bodies.add(w.then());
                otherwise = w.otherwise();
            }
            if (otherwise != null && otherwise.nodes().size() == 1) {
                Ast.Node only = otherwise.nodes().get(0);
                if (only instanceof Ast.If i && i.elseIf()
                        || only instanceof Ast.With w && w.elseWith()) {
                    next = only;
                    otherwise = null;
                }
            }
            current = next;
        }
        Item.Conditional group = new Item.Conditional(base, pos, conditions);
        HtmlContext before = ctx;
        HtmlContext joined = null;
        boolean first1 = true;
        int count = bodies.size() + (otherwise != null ? 1 : 0);
        for (int b = 0; b < count; b++) {
            Ast.ListNode body = b < bodies.size() ? bodies.get(b) : otherwise;
            String suffix = b == 0 ? "" : b < bodies.size() ? "Else" + b : "Else";
            Var dot = b < withDots.size() ? withDots.get(b) : null;
            Node n = newNode(base + suffix, body.pos(), b == 0);
            ctx = before;
            nodes.push(n);
            Scope inner = new Scope(scope, dot != null ? dot : scope.dot, n);
            walk(body.nodes(), inner);
            nodes.pop();
            if (!n.items().isEmpty()) {
                node().items().add(new Item.Branch(group, b, n, body.pos(), live()));
            } else {
                (live() ? liveNodes : htmlOnlyNodes).remove(n);
            }
            joined = first1 ? ctx : joinOrNull(joined, ctx);
            first1 = false;
        }
        if (otherwise == null) {
            joined = joinOrNull(joined, before);
        }
        if (joined == null) {
            diagnostics.error(
                    pos,
                    "BranchContext",
                    "the branches of this {{"
                            + kind.toLowerCase(Locale.ROOT)
                            + "}} end in different HTML contexts (for example one closes a tag or quote the "
                            + "other leaves open)");
            joined = before;
        }
        ctx = joined;
    }

    /**
     * For {@code {{if $x := pipe}}} and {@code {{with $x := pipe}}}: declares {@code $x} before the
     * construct (visible in every branch, as in Go) and returns a reference to it.
     */
    private Expr declared(Ast.Pipeline p, Expr value, Scope scope) {
        if (p.decl().isEmpty() || checker.isError(value)) {
            return value;
        }
        String name = p.decl().get(0).name();
        Var v = newVar(name.substring(1), value.type(), name);
        scope.declare(name, v);
        node().items().add(new Item.Let(v, value, false, p.pos(), live()));
        use(v);
        return new Expr.VarRef(v);
    }

    private static HtmlContext joinOrNull(HtmlContext a, HtmlContext b) {
        return a == null || b == null ? null : HtmlScanner.join(a, b);
    }

    // ------------------------------------------------------------------ range

    private void range(Ast.Range r, Scope scope) {
        Pos pos = r.pos();
        Expr collection = checker.pipeline(r.pipe(), scope);
        if (checker.isError(collection)) {
            checkOnly(r, scope);
            return;
        }
        TypeMirror t = kit.upperBound(collection.type());
        boolean overInt = kit.isIntegral(t);
        if (overInt) {
            // Go 1.22: {{range 5}} runs the body for 0, 1, 2, 3, 4 (nothing for n <= 0).
            if (r.pipe().decl().size() == 2) {
                diagnostics.error(
                        pos,
                        "Syntax",
                        "can't use two variables to range over an integer: "
                                + "declare one, as in {{range $i := n}}");
                checkOnly(r, scope);
                return;
            }
            collection =
                    new Expr.Func(
                            "range",
                            Op.INT_RANGE,
                            List.of(collection),
                            kit.types.getDeclaredType(
                                    kit.typeElement("java.util.List"), kit.box(kit.intType)),
                            false);
            t = collection.type();
        }
        RangeInfo.Shape shape;
        TypeMirror elementType;
        TypeMirror dotType;
        TypeMirror indexType = kit.intType;
        if (kit.isMap(t)) {
            shape = RangeInfo.Shape.MAP;
            dotType = kit.mapValueType(t);
            indexType = kit.mapKeyType(t);
            TypeElement entry = kit.typeElement("java.util.Map.Entry");
            elementType = kit.types.getDeclaredType(entry, kit.box(indexType), kit.box(dotType));
        } else if (kit.isList(t)) {
            shape = RangeInfo.Shape.LIST;
            dotType = elementType = kit.box(kit.elementType(t));
        } else if (kit.isArray(t)) {
            shape = RangeInfo.Shape.ARRAY;
            dotType = elementType = kit.box(kit.elementType(t));
        } else if (kit.isIterable(t)) {
            shape = RangeInfo.Shape.ITERABLE;
            dotType = elementType = kit.box(kit.elementType(t));
        } else {
            diagnostics.error(
                    pos,
                    "NotIterable",
                    "range can't iterate over "
                            + kit.describe(t)
                            + ": it needs a List, Iterable, array, Map or integer");
            return;
        }
        String base = "Range" + pos.line();
        String name = nodeName(base);
        Node row = new Node(name + "Row", r.body().pos());
        (live() ? liveNodes : htmlOnlyNodes).add(row);
        List<Ast.Variable> decl = r.pipe().decl();
        String dotBase =
                decl.isEmpty()
                        ? JavaNames.singular(JavaNames.dotName(r.pipe()))
                        : decl.get(decl.size() - 1).name().substring(1);
        nodes.push(row);
        Var dot = newVar(dotBase, dotType, "row of {{range " + source(r.pipe()) + "}}");
        Var index = null;
        Scope inner = new Scope(scope, dot, row);
        if (decl.size() == 2) {
            index = newVar(decl.get(0).name().substring(1), indexType, decl.get(0).name());
            inner.declare(decl.get(0).name(), index);
            inner.declare(decl.get(1).name(), dot);
        } else if (decl.size() == 1) {
            inner.declare(decl.get(0).name(), dot);
        }
        HtmlContext before = ctx;
        List<Ast.Node> body = new ArrayList<>(r.body().nodes());
        Expr filtered = guards(r, body, collection, shape, dot, index, inner);
        if (filtered != null) {
            collection = filtered;
            shape = RangeInfo.Shape.LIST;
        }
        walk(body, inner);
        nodes.pop();
        if (!ctx.equals(before) && HtmlScanner.join(ctx, before) == null) {
            diagnostics.error(
                    pos,
                    "RangeContext",
                    "the body of this {{range}} ends in a different "
                            + "HTML context than it starts (an unclosed tag or quote?)");
        }
        ctx = before;
        RangeInfo.Key key =
                RowKeys.rowKey(row, dot, index, shape, pos, source(r.pipe()), overInt, diagnostics);
        RangeInfo info =
                new RangeInfo(
                        name,
                        pos,
                        collection,
                        shape,
                        elementType,
                        dot,
                        index,
                        row,
                        key,
                        source(r.pipe()));
        if (live()) {
            ranges.add(info);
        }
        node().items().add(new Item.Rows(info, pos, live()));
        if (r.otherwise() != null) {
            Node elseNode = newNode(name + "Else", r.otherwise().pos());
            nodes.push(elseNode);
            walk(r.otherwise().nodes(), new Scope(scope, scope.dot, elseNode));
            nodes.pop();
            if (!ctx.equals(before) && HtmlScanner.join(ctx, before) == null) {
                diagnostics.error(
                        pos,
                        "RangeContext",
                        "the {{else}} of this {{range}} ends in a "
                                + "different HTML context than the rows");
            }
            ctx = before;
            if (!elseNode.items().isEmpty()) {
                node().items().add(new Item.RangeElse(info, elseNode, r.otherwise().pos(), live()));
            }
        }
    }

    /**
     * The guards at the start of a range body, {@code {{if c}}{{continue}}{{end}}} or {@code {{if
     * c}}{{break}}{{end}}} (only white space and comments before them), removed from {@code body}
     * and turned into a filtered collection; null when there are none. Each row then renders as in
     * Go, except that a skipped row writes nothing where Go writes the white space before the
     * guard.
     */
    private Expr guards(
            Ast.Range r,
            List<Ast.Node> body,
            Expr collection,
            RangeInfo.Shape shape,
            Var dot,
            Var index,
            Scope inner) {
        List<Expr> skips = new ArrayList<>();
        Boolean stop = null;
        for (int i = 0; i < body.size(); i++) {
            Ast.Node n = body.get(i);
            if (n instanceof Ast.Text t && t.text().isBlank() || n instanceof Ast.Comment) {
                continue;
            }
            Ast.Node jump = guardJump(n);
            if (jump == null) {
                break;
            }
            boolean isBreak = jump instanceof Ast.Break;
            Ast.If guard = (Ast.If) n;
            body.remove(i); // reported below or turned into the filter: never walked
            i--;
            if (r.otherwise() != null) {
                diagnostics.error(
                        jump.pos(),
                        "Unsupported",
                        "{{break}} and {{continue}} in a {{range}} with an {{else}} are not "
                                + "supported (Go runs the else only for an empty collection, not "
                                + "when every row is skipped)");
                return null;
            }
            if (stop != null && stop != isBreak) {
                diagnostics.error(
                        guard.pos(),
                        "Unsupported",
                        "a {{range}} body may start with {{continue}} guards or with {{break}} "
                                + "guards, not both");
                return null;
            }
            stop = isBreak;
            if (shape == RangeInfo.Shape.MAP) {
                diagnostics.error(
                        jump.pos(),
                        "Unsupported",
                        "{{break}} and {{continue}} are not supported in a range over a map");
                return null;
            }
            if (!isBreak && index != null) {
                diagnostics.error(
                        jump.pos(),
                        "Unsupported",
                        "{{continue}} with an index variable is not supported: the rows after a"
                                + " skipped one would be numbered differently from Go");
                return null;
            }
            Expr cond = checker.pipeline(guard.cond(), inner);
            if (checker.isError(cond)) {
                return null;
            }
            for (Var v : io.github.livetemplate.processor.model.Exprs.vars(cond)) {
                if (v != dot && v.description().startsWith("$") && !v.description().equals("$")) {
                    diagnostics.error(
                            guard.pos(),
                            "Unsupported",
                            "the condition of a {{"
                                    + (isBreak ? "break" : "continue")
                                    + "}} may read the row, $ and .lvt, not "
                                    + v.description()
                                    + "; compute it in Java");
                    return null;
                }
            }
            skips.add(checker.truth(cond));
        }
        if (skips.isEmpty()) {
            return null;
        }
        TypeMirror list = kit.types.getDeclaredType(kit.typeElement("java.util.List"), dot.type());
        return new Expr.Filter(collection, dot, skips, stop, list);
    }

    /** The {@code {{break}}} or {@code {{continue}}} that is all of {@code n}'s body, if any. */
    private static Ast.Node guardJump(Ast.Node n) {
        if (!(n instanceof Ast.If i) || i.otherwise() != null || !i.cond().decl().isEmpty()) {
            return null;
        }
        Ast.Node jump = null;
        for (Ast.Node m : i.then().nodes()) {
            if (m instanceof Ast.Text t && t.text().isBlank() || m instanceof Ast.Comment) {
                continue;
            }
            if (jump != null || !(m instanceof Ast.Break || m instanceof Ast.Continue)) {
                return null;
            }
            jump = m;
        }
        return jump;
    }

    /** Checks a range body whose collection failed, for its other errors; generates nothing. */
    private void checkOnly(Ast.Range r, Scope scope) {
        Node scratch = new Node("Unused", r.pos());
        nodes.push(scratch);
        Var dot = newVar("unused", kit.object, "row");
        checker.poison(dot, "");
        Scope inner = new Scope(scope, dot, scratch);
        for (Ast.Variable v : r.pipe().decl()) {
            Var poisoned = newVar("unused", kit.object, v.name());
            checker.poison(poisoned, "");
            inner.declare(v.name(), poisoned);
        }
        HtmlContext before = ctx;
        walk(r.body().nodes(), inner);
        if (r.otherwise() != null) {
            ctx = before;
            walk(r.otherwise().nodes(), new Scope(scope, scope.dot, scratch));
        }
        ctx = before;
        nodes.pop();
        liveNodes.remove(scratch);
        htmlOnlyNodes.remove(scratch);
    }

    // ------------------------------------------------------------------ template calls

    private void templateCall(Ast.TemplateCall call, Scope scope) {
        Ast.Definition def = file.definitions().get(call.name());
        if (def == null) {
            String hint = Diagnostics.nearest(call.name(), file.definitions().keySet());
            diagnostics.error(
                    call.pos(),
                    "UndefinedTemplate",
                    "no such template \""
                            + call.name()
                            + "\""
                            + (hint == null ? "" : " (did you mean \"" + hint + "\"?)"));
            return;
        }
        used.add(def);
        if (recursive().contains(call.name())) {
            recursiveCall(call, def, scope);
            return;
        }
        Var dot;
        if (call.pipe() == null) {
            dot = newVar("nil", kit.object, "nil");
            checker.poison(
                    dot,
                    "the dot is nil in template \""
                            + call.name()
                            + "\": it was called "
                            + "without a value at "
                            + call.pos()
                            + "; pass one, as in {{template \""
                            + call.name()
                            + "\" .}}");
        } else {
            Expr value = checker.pipeline(call.pipe(), scope);
            if (checker.isError(value)) {
                return;
            }
            dot =
                    newVar(
                            JavaNames.dotName(call.pipe()),
                            value.type(),
                            "dot of {{template \"" + call.name() + "\"}}");
            node().items().add(new Item.Let(dot, value, false, call.pos(), live()));
        }
        // The called template sees only its own dot, also as $.
        Scope inner = new Scope(null, dot, node());
        inner.declare("$", dot);
        inlining.push(call.name());
        walk(def.body().nodes(), inner);
        inlining.pop();
    }

    /**
     * A call of a template that calls itself (a tree of comments): its body becomes one node, built
     * once, and each call a chain of one always-true {@code with}-like branch binding the argument
     * as the dot, so the generated method recurses instead of being inlined forever. The depth is
     * bounded at render time (runtime {@code Recursion}).
     */
    private void recursiveCall(Ast.TemplateCall call, Ast.Definition def, Scope scope) {
        if (call.pipe() == null) {
            diagnostics.error(
                    call.pos(),
                    "Unsupported",
                    "template \""
                            + call.name()
                            + "\" calls itself, so it needs a value: pass one, as in {{template \""
                            + call.name()
                            + "\" .}}");
            return;
        }
        Expr value = checker.pipeline(call.pipe(), scope);
        if (checker.isError(value)) {
            return;
        }
        Expr always = new Expr.Literal(kit.booleanType, Boolean.TRUE);
        String source = "\"" + call.name() + "\" " + source(call.pipe());
        Recursive self = active.get(call.name());
        if (self != null) {
            if (!kit.isAssignable(value.type(), self.dot().type(), true)) {
                diagnostics.error(
                        call.pos(),
                        "WrongArgumentType",
                        "template \""
                                + call.name()
                                + "\" calls itself with "
                                + kit.describe(value.type())
                                + " where its outer call passes "
                                + kit.describe(self.dot().type())
                                + "; a recursive template takes one type");
                return;
            }
            Item.Conditional group =
                    new Item.Conditional(
                            nodeName("Call" + call.pos().line()),
                            call.pos(),
                            List.of(new Item.Condition(always, self.dot(), value, source)),
                            call.name());
            node().items().add(new Item.Branch(group, 0, self.body(), call.pos(), live()));
            self.sites().add(new ArrayList<>(nodes));
            return;
        }
        Var dot =
                newVar(
                        JavaNames.dotName(call.pipe()),
                        value.type(),
                        "dot of {{template \"" + call.name() + "\"}}");
        Item.Conditional group =
                new Item.Conditional(
                        nodeName("Call" + call.pos().line()),
                        call.pos(),
                        List.of(new Item.Condition(always, dot, value, source)),
                        call.name());
        Node body = newNode("Template" + JavaNames.javaIdentifier(call.name()), def.pos());
        Recursive frame = new Recursive(body, dot, new ArrayList<>());
        HtmlContext before = ctx;
        nodes.push(body);
        Scope inner = new Scope(null, dot, body);
        inner.declare("$", dot);
        active.put(call.name(), frame);
        walk(def.body().nodes(), inner);
        active.remove(call.name());
        nodes.pop();
        if (!ctx.equals(before) && HtmlScanner.join(ctx, before) == null) {
            diagnostics.error(
                    def.pos(),
                    "RecursiveContext",
                    "the recursive template \""
                            + call.name()
                            + "\" ends in a different HTML context than it starts (an unclosed"
                            + " tag or quote?)");
        }
        ctx = before;
        // A call from inside passes the body's parameters on: every node between it and each
        // parameter's owner needs them too.
        for (List<Node> site : frame.sites()) {
            for (Var p : List.copyOf(body.params())) {
                if (p == dot) {
                    continue;
                }
                Node owner = declaredIn.get(p);
                for (Node n : site) {
                    if (n == owner) {
                        break;
                    }
                    n.params().add(p);
                }
            }
        }
        node().items().add(new Item.Branch(group, 0, body, call.pos(), live()));
        use(dot);
    }

    /** The defined templates that can reach a call of themselves. */
    private Set<String> recursive() {
        if (recursive == null) {
            Map<String, Set<String>> calls = new HashMap<>();
            for (Ast.Definition d : file.definitions().values()) {
                Set<String> out = new HashSet<>();
                collectCalls(d.body(), out);
                calls.put(d.name(), out);
            }
            recursive = new HashSet<>();
            for (String name : calls.keySet()) {
                Deque<String> todo = new ArrayDeque<>(calls.get(name));
                Set<String> seen = new HashSet<>();
                while (!todo.isEmpty()) {
                    String next = todo.pop();
                    if (next.equals(name)) {
                        recursive.add(name);
                        break;
                    }
                    if (seen.add(next)) {
                        todo.addAll(calls.getOrDefault(next, Set.of()));
                    }
                }
            }
        }
        return recursive;
    }

    private static void collectCalls(Ast.ListNode list, Set<String> out) {
        if (list == null) {
            return;
        }
        for (Ast.Node n : list.nodes()) {
            if (n instanceof Ast.TemplateCall c) {
                out.add(c.name());
            } else if (n instanceof Ast.If i) {
                collectCalls(i.then(), out);
                collectCalls(i.otherwise(), out);
            } else if (n instanceof Ast.With w) {
                collectCalls(w.then(), out);
                collectCalls(w.otherwise(), out);
            } else if (n instanceof Ast.Range r) {
                collectCalls(r.body(), out);
                collectCalls(r.otherwise(), out);
            }
        }
    }
}
