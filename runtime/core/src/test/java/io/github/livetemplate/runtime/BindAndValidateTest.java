package io.github.livetemplate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Context#bindAndValidate} and {@link Context#validateFields} with Hibernate Validator:
 * violations become field errors under the form's field names.
 */
class BindAndValidateTest {

    public record Address(
            @NotBlank(message = "street?") String street,
            @JsonProperty("zip-code") @Size(min = 5, max = 5, message = "{min} digits")
                    String zip) {}

    public record Line(
            @NotBlank(message = "what?") String name,
            @Min(value = 1, message = "at least {value}") int qty) {}

    public record Order(
            @NotBlank(message = "name?") String name,
            @JsonProperty("e-mail")
                    @NotBlank(message = "address?")
                    @Email(message = "not an address")
                    String email,
            @NotNull(message = "where?") @Valid Address address,
            @Valid List<Line> lines) {}

    /** A class-level constraint: both passwords equal. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = SamePasswords.Check.class)
    public @interface SamePasswords {
        String message() default "the passwords differ";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Checks {@link Passwords}. */
        final class Check implements ConstraintValidator<SamePasswords, Passwords> {
            @Override
            public boolean isValid(Passwords p, ConstraintValidatorContext ctx) {
                return p.first() == null || p.first().equals(p.second());
            }
        }
    }

    @SamePasswords
    public record Passwords(String first, String second) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Context ctx(String json) throws Exception {
        return Context.builder("submit")
                .data(JSON.readValue(json, new TypeReference<Map<String, Object>>() {}))
                .build();
    }

    private static final String VALID_ADDRESS =
            "\"address\":{\"street\":\"Main St\",\"zip-code\":\"12345\"}";

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of(
                        "valid",
                        "{\"name\":\"Ada\",\"e-mail\":\"ada@example.com\"," + VALID_ADDRESS + "}",
                        Map.of()),
                Arguments.of(
                        "top-level, keyed by the JSON name",
                        "{\"name\":\" \",\"e-mail\":\"nope\"," + VALID_ADDRESS + "}",
                        Map.of("name", "name?", "e-mail", "not an address")),
                Arguments.of(
                        "one message per field (blank and not an address: the first by message)",
                        "{\"name\":\"Ada\",\"e-mail\":\" \"," + VALID_ADDRESS + "}",
                        Map.of("e-mail", "address?")),
                Arguments.of(
                        "a missing nested object",
                        "{\"name\":\"Ada\",\"e-mail\":\"a@b.c\"}",
                        Map.of("address", "where?")),
                Arguments.of(
                        "nested properties as a.b, with their JSON names and interpolated messages",
                        "{\"name\":\"Ada\",\"e-mail\":\"a@b.c\","
                                + "\"address\":{\"street\":\"\",\"zip-code\":\"123\"}}",
                        Map.of("address.street", "street?", "address.zip-code", "5 digits")),
                Arguments.of(
                        "list elements as [index]",
                        "{\"name\":\"Ada\",\"e-mail\":\"a@b.c\","
                                + VALID_ADDRESS
                                + ","
                                + "\"lines\":[{\"name\":\"tea\",\"qty\":2},{\"name\":\"\",\"qty\":0}]}",
                        Map.of("lines[1].name", "what?", "lines[1].qty", "at least 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void violationsBecomeFieldErrorsUnderTheFormNames(
            String name, String json, Map<String, String> expected) throws Exception {
        Context ctx = ctx(json);
        if (expected.isEmpty()) {
            assertEquals("Ada", ctx.bindAndValidate(Order.class).name());
        } else {
            Context.BindException e =
                    assertThrows(
                            Context.BindException.class, () -> ctx.bindAndValidate(Order.class));
            assertEquals(expected, Map.copyOf(e.errors()));
        }
    }

    @Test
    void aClassLevelConstraintReportsUnderError() throws Exception {
        Context.BindException e =
                assertThrows(
                        Context.BindException.class,
                        () ->
                                ctx("{\"first\":\"a\",\"second\":\"b\"}")
                                        .bindAndValidate(Passwords.class));
        assertEquals(Map.of("_error", "the passwords differ"), Map.copyOf(e.errors()));
    }

    @Test
    void aValueThatCannotBeConvertedFailsAsBindDoes() throws Exception {
        Context.BindException e =
                assertThrows(
                        Context.BindException.class,
                        () ->
                                ctx("{\"name\":\"tea\",\"qty\":\"many\"}")
                                        .bindAndValidate(Line.class));
        assertEquals(Map.of("qty", "must be a whole number"), Map.copyOf(e.errors()));
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("{\"e-mail\":\"ada@\"}", Map.of("e-mail", "not an address")),
                Arguments.of("{\"e-mail\":\"ada@example.com\"}", Map.of()),
                Arguments.of("{\"name\":\"\"}", Map.of("name", "name?")),
                Arguments.of("{\"name\":\"Ada\",\"e-mail\":\"\"}", Map.of("e-mail", "address?")),
                Arguments.of("{\"unknown\":\"x\"}", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void validateFieldsChecksOnlyTheSubmittedFields(String json, Map<String, String> expected)
            throws Exception {
        // given a change message with some of the fields (the others, e.g. address, are missing)
        // then only the submitted ones are checked
        assertEquals(expected, Map.copyOf(ctx(json).validateFields(Order.class)));
    }
}
