package io.github.livetemplate.processor.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The class names generated code depends on exist, and are written nowhere else. */
class RuntimeTypesTest {

    @Test
    void everyNamedClassLoads() throws Exception {
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (Field f : RuntimeTypes.class.getDeclaredFields()) {
            if (f.getType() != ClassName.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            ClassName name = (ClassName) f.get(null);
            count++;
            try {
                Class.forName(name.reflectionName(), false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(f.getName() + " = " + name.reflectionName());
            }
        }
        assertEquals(List.of(), missing, "runtime classes named in RuntimeTypes but not found");
        assertTrue(count >= 24, "expected every runtime class, found " + count);
    }

    /** A string literal starting with a runtime package names a class outside RuntimeTypes. */
    @Test
    void noOtherProcessorSourceNamesARuntimeClass() throws IOException {
        Path main = Path.of("src/main/java");
        Pattern literal = Pattern.compile("\"io\\.github\\.livetemplate[.\"]");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (p.getFileName().toString().equals("RuntimeTypes.java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (literal.matcher(lines.get(i)).find()) {
                        offenders.add(
                                main.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
