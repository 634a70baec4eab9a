package io.github.livetemplate.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Internal: binds action data into records and classes ({@code Context.bind}), tolerant of the
 * browser client's value typing (docs/protocol.md §4.4).
 */
final class Binder {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    .enable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .addModule(
                            new SimpleModule("livetemplate-bind")
                                    .addDeserializer(Boolean.class, new TolerantBoolean(null))
                                    .addDeserializer(boolean.class, new TolerantBoolean(false)))
                    .build();

    static {
        // Numbers and booleans arrive where text is expected (ids, codes): keep them as text.
        MAPPER.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        // "" for a number means "no value": null for boxed numbers, 0 for primitives.
        MAPPER.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
        MAPPER.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
    }

    private Binder() {}

    /** Conversion failed; {@link #errors()} maps field names to messages. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, String> errors;

        Failure(Map<String, String> errors) {
            super(errors.toString(), null, false, false);
            this.errors = errors;
        }

        public Map<String, String> errors() {
            return errors;
        }
    }

    /** Converts {@code data} into a {@code type}. */
    public static <T> T bind(Map<String, Object> data, Class<T> type) throws Failure {
        try {
            return MAPPER.convertValue(data, type);
        } catch (IllegalArgumentException e) {
            throw new Failure(diagnose(data, type, e));
        }
    }

    /** Finds every field that fails on its own; falls back to the failure Jackson reported. */
    private static Map<String, String> diagnose(
            Map<String, Object> data, Class<?> type, IllegalArgumentException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        Throwable cause = e.getCause();
        if (cause instanceof ValueInstantiationException vie) {
            Throwable root = vie.getCause() != null ? vie.getCause() : vie;
            String msg = root.getMessage();
            errors.put(
                    "_error",
                    msg == null || msg.isBlank() ? "invalid " + type.getSimpleName() : msg);
            return errors;
        }
        try {
            JavaType javaType = MAPPER.constructType(type);
            BeanDescription desc = MAPPER.getDeserializationConfig().introspect(javaType);
            for (BeanPropertyDefinition prop : desc.findProperties()) {
                String name = prop.getName();
                if (!data.containsKey(name)) {
                    continue;
                }
                JavaType propType = prop.getPrimaryType();
                if (propType == null) {
                    continue;
                }
                try {
                    MAPPER.convertValue(data.get(name), propType);
                } catch (IllegalArgumentException fieldError) {
                    errors.put(name, messageFor(propType.getRawClass()));
                }
            }
        } catch (RuntimeException ignored) {
            // fall through to the path Jackson reported
        }
        if (errors.isEmpty()) {
            String field = "_error";
            if (cause instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
                String f = jme.getPath().get(0).getFieldName();
                if (f != null) {
                    field = f;
                }
            }
            String msg =
                    cause instanceof JsonMappingException jme
                            ? jme.getOriginalMessage()
                            : e.getMessage();
            errors.put(
                    field,
                    field.equals("_error")
                            ? "cannot read the submitted data: " + msg
                            : "invalid value");
        }
        return errors;
    }

    /** A bound property: its JSON (form) name and its type. */
    record Step(String jsonName, JavaType type) {}

    /** The type Jackson binds {@code raw} as. */
    static JavaType typeOf(Class<?> raw) {
        return MAPPER.constructType(raw);
    }

    /** The property of {@code type} whose Java name is {@code javaName}, or {@code null}. */
    static Step step(JavaType type, String javaName) {
        for (BeanPropertyDefinition prop : properties(type)) {
            if (prop.getInternalName().equals(javaName)) {
                return new Step(prop.getName(), prop.getPrimaryType());
            }
        }
        return null;
    }

    /** The Java name of the property of {@code raw} bound from {@code jsonName}, or null. */
    static String javaName(Class<?> raw, String jsonName) {
        for (BeanPropertyDefinition prop : properties(typeOf(raw))) {
            if (prop.getName().equals(jsonName)) {
                return prop.getInternalName();
            }
        }
        return null;
    }

    private static List<BeanPropertyDefinition> properties(JavaType type) {
        if (type.isContainerType() || type.isPrimitive() || type.getRawClass().isEnum()) {
            return List.of();
        }
        return MAPPER.getDeserializationConfig().introspect(type).findProperties();
    }

    private static String messageFor(Class<?> raw) {
        if (raw == int.class
                || raw == long.class
                || raw == short.class
                || raw == byte.class
                || raw == Integer.class
                || raw == Long.class
                || raw == Short.class
                || raw == Byte.class
                || raw == BigInteger.class) {
            return "must be a whole number";
        }
        if (raw == double.class
                || raw == float.class
                || raw == Double.class
                || raw == Float.class
                || raw == BigDecimal.class) {
            return "must be a number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "must be true or false";
        }
        if (raw.isEnum()) {
            return "is not one of the allowed values";
        }
        if (List.class.isAssignableFrom(raw) || raw.isArray()) {
            return "must be a list";
        }
        return "invalid value";
    }

    /** Booleans in every spelling the client and HTML forms produce. */
    private static final class TolerantBoolean extends JsonDeserializer<Boolean> {
        private final Boolean empty;

        TolerantBoolean(Boolean empty) {
            this.empty = empty;
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            switch (t) {
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NUMBER_INT:
                    return p.getBigIntegerValue().signum() != 0;
                case VALUE_NUMBER_FLOAT:
                    return p.getDoubleValue() != 0;
                case VALUE_STRING:
                    {
                        String s = p.getText().trim().toLowerCase(Locale.ROOT);
                        switch (s) {
                            case "true":
                            case "on":
                            case "1":
                            case "yes":
                                return Boolean.TRUE;
                            case "false":
                            case "off":
                            case "0":
                            case "no":
                                return Boolean.FALSE;
                            case "":
                                return empty == null ? null : Boolean.FALSE;
                            default:
                                return (Boolean)
                                        ctxt.handleWeirdStringValue(
                                                Boolean.class, p.getText(), "not a boolean");
                        }
                    }
                case START_ARRAY:
                    {
                        // a one-element checkbox group
                        Boolean v = null;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            Boolean b = deserialize(p, ctxt);
                            v = v == null ? b : v;
                        }
                        return v == null ? getNullValue(ctxt) : v;
                    }
                default:
                    return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
            }
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            return empty;
        }
    }
}
