package io.github.livetemplate.dev.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Internal: loads the classes of one recompilation (the regenerated renderer and its nested
 * classes) child-first from their directory, and everything else — the record, the controller, the
 * runtime — from the application's loader, so that the new renderer renders the application's own
 * state objects. One loader per recompilation: a class cannot be redefined in a loader.
 */
public final class GeneratedClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Path classes;

    public GeneratedClassLoader(Path classes, ClassLoader parent) {
        super("livetemplate-dev", parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                Path file = classes.resolve(name.replace('.', '/') + ".class");
                if (Files.isRegularFile(file)) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    c = defineClass(name, bytes, 0, bytes.length);
                } else {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
