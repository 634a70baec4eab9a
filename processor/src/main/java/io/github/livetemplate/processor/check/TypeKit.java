package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.generate.RuntimeTypes;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Questions about Java types that template typing asks, answered with javax.lang.model. */
final class TypeKit {
    final Elements elements;
    final Types types;
    final TypeMirror object;
    final TypeMirror string;
    final TypeMirror booleanType;
    final TypeMirror intType;
    final TypeMirror longType;
    final TypeMirror doubleType;
    private final TypeMirror charSequence;
    private final TypeMirror iterable;
    private final TypeMirror collection;
    private final TypeMirror list;
    private final TypeMirror map;
    private final TypeMirror optional;
    private final TypeMirror number;
    private final TypeElement trustedHtml;
    private final TypeElement trustedAttr;

    TypeKit(ProcessingEnvironment env) {
        elements = env.getElementUtils();
        types = env.getTypeUtils();
        object = declared("java.lang.Object");
        string = declared("java.lang.String");
        charSequence = declared("java.lang.CharSequence");
        iterable = erased("java.lang.Iterable");
        collection = erased("java.util.Collection");
        list = erased("java.util.List");
        map = erased("java.util.Map");
        optional = erased("java.util.Optional");
        number = declared("java.lang.Number");
        booleanType = types.getPrimitiveType(TypeKind.BOOLEAN);
        intType = types.getPrimitiveType(TypeKind.INT);
        longType = types.getPrimitiveType(TypeKind.LONG);
        doubleType = types.getPrimitiveType(TypeKind.DOUBLE);
        trustedHtml = elements.getTypeElement(RuntimeTypes.name(RuntimeTypes.TRUSTED_HTML));
        trustedAttr = elements.getTypeElement(RuntimeTypes.name(RuntimeTypes.TRUSTED_ATTR));
    }

    private TypeMirror declared(String name) {
        return elements.getTypeElement(name).asType();
    }

    private TypeMirror erased(String name) {
        return types.erasure(elements.getTypeElement(name).asType());
    }

    TypeElement typeElement(String name) {
        return elements.getTypeElement(name);
    }

    boolean isPrimitive(TypeMirror t) {
        return t.getKind().isPrimitive();
    }

    /** The primitive kind of {@code t} or of its boxed form; null otherwise. */
    TypeKind primitiveKind(TypeMirror t) {
        if (t.getKind().isPrimitive()) {
            return t.getKind();
        }
        try {
            return types.unboxedType(t).getKind();
        } catch (IllegalArgumentException notBoxed) {
            return null;
        }
    }

    boolean isBoolean(TypeMirror t) {
        return primitiveKind(t) == TypeKind.BOOLEAN;
    }

    boolean isIntegral(TypeMirror t) {
        TypeKind k = primitiveKind(t);
        return k == TypeKind.INT || k == TypeKind.LONG || k == TypeKind.SHORT || k == TypeKind.BYTE;
    }

    boolean isFloating(TypeMirror t) {
        TypeKind k = primitiveKind(t);
        return k == TypeKind.DOUBLE || k == TypeKind.FLOAT;
    }

    boolean isChar(TypeMirror t) {
        return primitiveKind(t) == TypeKind.CHAR;
    }

    /** Any number: primitive, boxed or a {@code Number} subclass. */
    boolean isNumber(TypeMirror t) {
        return isIntegral(t) || isFloating(t) || isAssignable(t, number);
    }

    boolean isStringLike(TypeMirror t) {
        return isAssignable(t, charSequence) || isChar(t);
    }

    boolean isTrustedAttr(TypeMirror t) {
        return trustedAttr != null && types.isSameType(t, trustedAttr.asType());
    }

    boolean isTrustedHtml(TypeMirror t) {
        return trustedHtml != null && types.isSameType(t, trustedHtml.asType());
    }

    boolean isEnum(TypeMirror t) {
        Element e = types.asElement(t);
        return e != null && e.getKind() == ElementKind.ENUM;
    }

    boolean isRecord(TypeMirror t) {
        Element e = types.asElement(t);
        return e != null && e.getKind() == ElementKind.RECORD;
    }

    boolean isArray(TypeMirror t) {
        return t.getKind() == TypeKind.ARRAY;
    }

    boolean isList(TypeMirror t) {
        return isAssignable(t, list);
    }

    boolean isCollection(TypeMirror t) {
        return isAssignable(t, collection);
    }

    boolean isIterable(TypeMirror t) {
        return isAssignable(t, iterable);
    }

    boolean isMap(TypeMirror t) {
        return isAssignable(t, map);
    }

    boolean isOptional(TypeMirror t) {
        return isAssignable(t, optional);
    }

    boolean isObject(TypeMirror t) {
        return types.isSameType(t, object);
    }

    private boolean isAssignable(TypeMirror t, TypeMirror target) {
        if (t.getKind() != TypeKind.DECLARED && t.getKind() != TypeKind.TYPEVAR) {
            return false;
        }
        return types.isAssignable(types.erasure(t), types.erasure(target));
    }

    boolean isAssignable(TypeMirror from, TypeMirror to, boolean boxing) {
        if (types.isAssignable(from, to)) {
            return true;
        }
        return boxing && from.getKind().isPrimitive() && types.isAssignable(box(from), to);
    }

    /** The boxed form of a primitive, else {@code t}. */
    TypeMirror box(TypeMirror t) {
        if (t.getKind().isPrimitive()) {
            return types.boxedClass(types.getPrimitiveType(t.getKind())).asType();
        }
        if (t.getKind() == TypeKind.NULL) {
            return object;
        }
        return t;
    }

    /** The element type of an Iterable or array (boxed), Object when unknown. */
    TypeMirror elementType(TypeMirror t) {
        if (t.getKind() == TypeKind.ARRAY) {
            return ((ArrayType) t).getComponentType();
        }
        return typeArgument(t, "java.lang.Iterable", 0);
    }

    TypeMirror mapKeyType(TypeMirror t) {
        return typeArgument(t, "java.util.Map", 0);
    }

    TypeMirror mapValueType(TypeMirror t) {
        return typeArgument(t, "java.util.Map", 1);
    }

    TypeMirror optionalValueType(TypeMirror t) {
        return typeArgument(t, "java.util.Optional", 0);
    }

    /** The {@code index}-th type argument with which {@code t} implements {@code superName}. */
    TypeMirror typeArgument(TypeMirror t, String superName, int index) {
        DeclaredType found = findSupertype(t, superName);
        if (found == null || found.getTypeArguments().size() <= index) {
            return object;
        }
        return upperBound(found.getTypeArguments().get(index));
    }

    private DeclaredType findSupertype(TypeMirror t, String superName) {
        if (t.getKind() == TypeKind.TYPEVAR) {
            t = ((javax.lang.model.type.TypeVariable) t).getUpperBound();
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return null;
        }
        DeclaredType d = (DeclaredType) t;
        if (((TypeElement) d.asElement()).getQualifiedName().contentEquals(superName)) {
            return d;
        }
        for (TypeMirror s : types.directSupertypes(t)) {
            DeclaredType r = findSupertype(s, superName);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The type a generated local can hold: wildcards and type variables become their bounds. */
    TypeMirror upperBound(TypeMirror t) {
        if (t.getKind() == TypeKind.WILDCARD) {
            TypeMirror ext = ((WildcardType) t).getExtendsBound();
            return ext == null ? object : upperBound(ext);
        }
        if (t.getKind() == TypeKind.TYPEVAR) {
            return upperBound(((javax.lang.model.type.TypeVariable) t).getUpperBound());
        }
        return t;
    }

    /** The type of {@code member} invoked on {@code owner}, with type arguments substituted. */
    TypeMirror returnType(TypeMirror owner, ExecutableElement member) {
        if (owner.getKind() == TypeKind.DECLARED) {
            try {
                TypeMirror m = types.asMemberOf((DeclaredType) owner, member);
                return upperBound(((javax.lang.model.type.ExecutableType) m).getReturnType());
            } catch (IllegalArgumentException ignored) {
                // fall through to the declared type
            }
        }
        return upperBound(member.getReturnType());
    }

    List<TypeMirror> parameterTypes(TypeMirror owner, ExecutableElement member) {
        if (owner != null && owner.getKind() == TypeKind.DECLARED) {
            try {
                TypeMirror m = types.asMemberOf((DeclaredType) owner, member);
                return new ArrayList<>(
                        ((javax.lang.model.type.ExecutableType) m).getParameterTypes());
            } catch (IllegalArgumentException ignored) {
                // fall through
            }
        }
        List<TypeMirror> out = new ArrayList<>();
        member.getParameters().forEach(p -> out.add(p.asType()));
        return out;
    }

    /**
     * The public instance methods of {@code t} a template may call as {@code .Name}: the name
     * equals {@code name} ignoring case, or it is a JavaBeans getter for it. Methods of Object,
     * Record and Enum are left out.
     */
    List<ExecutableElement> members(TypeMirror t, String name) {
        List<ExecutableElement> exact = new ArrayList<>();
        List<ExecutableElement> getters = new ArrayList<>();
        for (ExecutableElement m : publicMethods(t)) {
            String n = m.getSimpleName().toString();
            if (n.equalsIgnoreCase(name)) {
                exact.add(m);
            } else if ((n.startsWith("get")
                            && n.length() > 3
                            && n.substring(3).equalsIgnoreCase(name))
                    || (n.startsWith("is")
                            && n.length() > 2
                            && n.substring(2).equalsIgnoreCase(name)
                            && m.getParameters().isEmpty())) {
                getters.add(m);
            }
        }
        return exact.isEmpty() ? getters : exact;
    }

    /** Every callable member name of {@code t}, for "did you mean" hints. */
    List<String> memberNames(TypeMirror t) {
        List<String> names = new ArrayList<>();
        for (ExecutableElement m : publicMethods(t)) {
            String n = m.getSimpleName().toString();
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    List<ExecutableElement> publicMethods(TypeMirror t) {
        t = upperBound(t);
        if (t.getKind() != TypeKind.DECLARED) {
            return List.of();
        }
        TypeElement te = (TypeElement) types.asElement(t);
        List<ExecutableElement> out = new ArrayList<>();
        for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(te))) {
            if (!m.getModifiers().contains(Modifier.PUBLIC)
                    || m.getModifiers().contains(Modifier.STATIC)
                    || m.getReturnType().getKind() == TypeKind.VOID) {
                continue;
            }
            String owner = ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString();
            if (owner.equals("java.lang.Object")
                    || owner.equals("java.lang.Record")
                    || owner.equals("java.lang.Enum")
                    || owner.equals("java.lang.Comparable")) {
                continue;
            }
            // A public method of a non-public class (e.g. an implementation type) is still callable
            // through the declared type, which is what the generated code uses.
            out.add(m);
        }
        return out;
    }

    /** A readable name for messages: simple names, type arguments kept. */
    String describe(TypeMirror t) {
        String s = t.toString();
        return s.replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)", "$1");
    }
}
