package io.github.livetemplate.runtime;

import com.fasterxml.jackson.databind.JavaType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Internal: the only class that touches {@code jakarta.validation}, so that an application without
 * Bean Validation on its class path never loads it (see {@link Context#bindAndValidate}). Turns
 * constraint violations into field errors keyed by the names the form uses: the bound property's
 * JSON name ({@code @JsonProperty}), nested properties joined with {@code .}, list and array
 * elements as {@code [index]}, map values as {@code [key]}.
 */
final class BeanValidation {

    private BeanValidation() {}

    /** Built on first use: the provider's bootstrap is slow; a validator is thread-safe. */
    private static volatile Validator validator;

    private static Validator validator() {
        Validator v = validator;
        if (v == null) {
            synchronized (BeanValidation.class) {
                if (validator == null) {
                    try {
                        validator = Validation.buildDefaultValidatorFactory().getValidator();
                    } catch (ValidationException e) {
                        // no provider, or a provider without an Expression Language
                        throw new MissingBeanValidationException(e);
                    }
                }
                v = validator;
            }
        }
        return v;
    }

    /** Every constraint of {@code value}, by form field; empty when it is valid. */
    static Map<String, String> validate(Object value) {
        return errors(value.getClass(), validator().validate(value));
    }

    /**
     * The constraints of the top-level properties named (by their form names) in {@code fields}.
     */
    static Map<String, String> validateFields(Object value, Collection<String> fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : fields) {
            String property = Binder.javaName(value.getClass(), field);
            if (property == null) {
                continue;
            }
            try {
                errors.putAll(
                        errors(value.getClass(), validator().validateProperty(value, property)));
            } catch (IllegalArgumentException notAProperty) {
                // a component without a field of that name (e.g. a @JsonProperty setter): nothing
            }
        }
        return errors;
    }

    private static <T> Map<String, String> errors(
            Class<?> root, Set<ConstraintViolation<T>> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.stream()
                .map(v -> Map.entry(fieldName(root, v.getPropertyPath()), v.getMessage()))
                // a stable order (the provider's set has none): by field, then message
                .sorted(
                        Map.Entry.<String, String>comparingByKey()
                                .thenComparing(Map.Entry.comparingByValue()))
                // one message per field, as a form shows it
                .forEach(e -> errors.putIfAbsent(e.getKey(), e.getValue()));
        return errors;
    }

    /** {@code address.zipCode} in Java names → {@code address.zip} in the form's (JSON) names. */
    static String fieldName(Class<?> root, Path path) {
        StringBuilder out = new StringBuilder();
        JavaType type = Binder.typeOf(root);
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                Object key = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (key != null) {
                    out.append('[').append(key).append(']');
                }
                type = type == null ? null : type.getContentType();
            }
            String name = node.getName();
            if (name == null
                    || name.isEmpty()
                    || node.getKind() != jakarta.validation.ElementKind.PROPERTY) {
                continue; // the bean itself (a class-level constraint) or a container element
            }
            Binder.Step step = type == null ? null : Binder.step(type, name);
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(step == null ? name : step.jsonName());
            type = step == null ? null : step.type();
        }
        return out.length() == 0 ? "_error" : out.toString();
    }

    /** Bean Validation is on the class path but cannot start (no provider, no EL). */
    static final class MissingBeanValidationException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingBeanValidationException(Throwable cause) {
            super(Context.NO_BEAN_VALIDATION + " (" + cause.getMessage() + ")", cause);
        }
    }
}
