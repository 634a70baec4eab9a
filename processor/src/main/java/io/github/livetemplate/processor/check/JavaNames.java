package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.parse.Ast;
import javax.lang.model.SourceVersion;

/** Readable Java names for the locals the template declares. */
final class JavaNames {
    private JavaNames() {}

    static String javaIdentifier(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (Character.isJavaIdentifierPart(c) && c != '$') {
                b.append(b.length() == 0 ? Character.toLowerCase(c) : c);
            }
        }
        String name =
                b.length() == 0 || !Character.isJavaIdentifierStart(b.charAt(0))
                        ? "v" + b
                        : b.toString();
        return SourceVersion.isKeyword(name) || name.equals("out") ? name + "Value" : name;
    }

    /** A readable Java name for the value a with or range binds. */
    static String dotName(Ast.Pipeline p) {
        if (p.cmds().size() == 1 && p.cmds().get(0).args().size() == 1) {
            Ast.Arg a = p.cmds().get(0).args().get(0);
            if (a instanceof Ast.Field f) {
                return f.names().get(f.names().size() - 1);
            }
            if (a instanceof Ast.Variable v && !v.fields().isEmpty()) {
                return v.fields().get(v.fields().size() - 1);
            }
        }
        return "dot";
    }

    static String singular(String s) {
        if (s.endsWith("ies") && s.length() > 3) {
            return s.substring(0, s.length() - 3) + "y";
        }
        if (s.endsWith("s") && s.length() > 1 && !s.endsWith("ss")) {
            return s.substring(0, s.length() - 1);
        }
        return s + "Item";
    }
}
