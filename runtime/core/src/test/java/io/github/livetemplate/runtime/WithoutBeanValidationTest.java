package io.github.livetemplate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bean Validation is optional: the runtime's classes, loaded where {@code jakarta.validation} and
 * Hibernate Validator do not exist (a class loader that hides them, as an application without those
 * dependencies has it), bind as before, and {@code bindAndValidate} fails with a message that names
 * the dependencies to add; so it does with the API but no provider.
 */
class WithoutBeanValidationTest {

    /**
     * Hides the runtime (so that the child loads its own copy), Hibernate Validator and, unless
     * {@code apiVisible}, the Bean Validation API; also the provider's service file.
     */
    private static final class Hiding extends ClassLoader {
        private final boolean apiVisible;

        Hiding(boolean apiVisible) {
            super(ClassLoader.getSystemClassLoader());
            this.apiVisible = apiVisible;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.hibernate.")
                    || name.startsWith("io.github.livetemplate.")
                    || (!apiVisible && name.startsWith("jakarta.validation."))) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("META-INF/services/jakarta.validation")
                    ? null
                    : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("META-INF/services/jakarta.validation")
                    ? Collections.emptyEnumeration()
                    : super.getResources(name);
        }
    }

    @Test
    void bindWorksAndBindAndValidateNamesTheMissingDependencies() throws Exception {
        Path classes = Path.of("target", "classes");
        assertTrue(
                Files.isRegularFile(
                        classes.resolve("io/github/livetemplate/runtime/Context.class")));
        try (URLClassLoader app =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, new Hiding(false))) {
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

    @Test
    void withTheApiButNoProviderTheMessageNamesTheDependenciesToo() throws Exception {
        URL api =
                jakarta.validation.Validation.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation();
        Path classes = Path.of("target", "classes");
        try (URLClassLoader app =
                new URLClassLoader(new URL[] {classes.toUri().toURL(), api}, new Hiding(false))) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(app);
            try {
                Class<?> contextType = app.loadClass(Context.class.getName());
                Object builder = contextType.getMethod("builder", String.class).invoke(null, "x");
                Object ctx = builder.getClass().getMethod("build").invoke(builder);
                Method m = contextType.getMethod("bindAndValidate", Class.class);
                InvocationTargetException e =
                        assertThrows(
                                InvocationTargetException.class, () -> m.invoke(ctx, Map.class));
                IllegalStateException missing =
                        assertInstanceOf(IllegalStateException.class, e.getCause());
                assertTrue(
                        missing.getMessage()
                                .contains("org.hibernate.validator:hibernate-validator"),
                        missing.getMessage());
                assertEquals(
                        "jakarta.validation.NoProviderFoundException",
                        missing.getCause().getClass().getName(),
                        "the API loaded, no provider found");
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
