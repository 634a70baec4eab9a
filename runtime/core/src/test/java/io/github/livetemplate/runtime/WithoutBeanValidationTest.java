package io.github.livetemplate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bean Validation is optional: the runtime's classes, loaded where {@code jakarta.validation} and
 * Hibernate Validator do not exist (a class loader that hides them, as an application without those
 * dependencies has it), bind as before, and {@code bindAndValidate} fails with a message that names
 * the dependencies to add.
 */
class WithoutBeanValidationTest {

    /** Hides Bean Validation, and the runtime itself so that the child loads its own copy. */
    private static final class Hiding extends ClassLoader {
        Hiding() {
            super(ClassLoader.getSystemClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jakarta.validation.")
                    || name.startsWith("org.hibernate.")
                    || name.startsWith("io.github.livetemplate.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void bindWorksAndBindAndValidateNamesTheMissingDependencies() throws Exception {
        Path classes = Path.of("target", "classes");
        assertTrue(
                Files.isRegularFile(
                        classes.resolve("io/github/livetemplate/runtime/Context.class")));
        try (URLClassLoader app =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, new Hiding())) {
            assertThrows(
                    ClassNotFoundException.class,
                    () -> app.loadClass("jakarta.validation.Validation"));
            Class<?> contextType = app.loadClass(Context.class.getName());
            Object builder = contextType.getMethod("builder", String.class).invoke(null, "submit");
            builder =
                    builder.getClass()
                            .getMethod("data", Map.class)
                            .invoke(builder, Map.of("n", "1"));
            Object ctx = builder.getClass().getMethod("build").invoke(builder);

            // bind needs nothing of Bean Validation
            Method bind = contextType.getMethod("bind", Class.class);
            assertEquals(Map.of("n", "1"), bind.invoke(ctx, Map.class));

            for (String name : new String[] {"bindAndValidate", "validateFields"}) {
                Method m = contextType.getMethod(name, Class.class);
                InvocationTargetException e =
                        assertThrows(
                                InvocationTargetException.class, () -> m.invoke(ctx, Map.class));
                IllegalStateException missing =
                        assertInstanceOf(IllegalStateException.class, e.getCause(), name);
                assertTrue(
                        missing.getMessage().contains("jakarta.validation:jakarta.validation-api"),
                        missing.getMessage());
                assertTrue(
                        missing.getMessage()
                                .contains("org.hibernate.validator:hibernate-validator"),
                        missing.getMessage());
                assertTrue(
                        missing.getMessage().contains("org.glassfish.expressly:expressly"),
                        missing.getMessage());
                assertInstanceOf(NoClassDefFoundError.class, missing.getCause());
            }
        }
    }
}
