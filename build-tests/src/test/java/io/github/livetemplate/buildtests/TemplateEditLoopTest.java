package io.github.livetemplate.buildtests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edit loop of the README's quick start, in a throw-away project with the stock
 * maven-compiler-plugin and livetemplate-maven-plugin's {@code refresh}: after editing only the
 * template, {@code mvn compile} regenerates the renderer, and a template error fails the build
 * until it is fixed.
 */
@Timeout(900)
class TemplateEditLoopTest {
    static final String RENDERER =
            "target/generated-sources/annotations/com/example/GreetingRenderer.java";
    static final String TEMPLATE = "src/main/resources/com/example/greeting.tmpl";

    static String pom() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>greeting</artifactId>
                  <version>1.0</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <livetemplate.version>VERSION</livetemplate.version>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>io.github.livetemplate</groupId>
                      <artifactId>livetemplate-annotations</artifactId>
                      <version>${livetemplate.version}</version>
                    </dependency>
                    <dependency>
                      <groupId>io.github.livetemplate</groupId>
                      <artifactId>livetemplate-runtime</artifactId>
                      <version>${livetemplate.version}</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.github.livetemplate</groupId>
                        <artifactId>livetemplate-maven-plugin</artifactId>
                        <version>${livetemplate.version}</version>
                        <executions>
                          <execution>
                            <goals>
                              <goal>refresh</goal>
                            </goals>
                          </execution>
                        </executions>
                      </plugin>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.13.0</version>
                        <configuration>
                          <release>17</release>
                          <annotationProcessorPaths>
                            <path>
                              <groupId>io.github.livetemplate</groupId>
                              <artifactId>livetemplate-processor</artifactId>
                              <version>${livetemplate.version}</version>
                            </path>
                          </annotationProcessorPaths>
                        </configuration>
                      </plugin>
                PLUGINS
                    </plugins>
                  </build>
                </project>
                """
                .replace("VERSION", ThrowAwayProject.VERSION)
                .replace("PLUGINS", ThrowAwayProject.PLUGINS);
    }

    @Test
    void editingOnlyTheTemplateRegeneratesTheRendererAndReportsItsErrors(@TempDir Path tmp)
            throws Exception {
        // given a project whose renderer was built
        ThrowAwayProject p =
                new ThrowAwayProject(tmp)
                        .write("pom.xml", pom())
                        .write(
                                "src/main/java/com/example/Greeting.java",
                                """
                                package com.example;

                                import io.github.livetemplate.LiveTemplate;

                                @LiveTemplate("greeting.tmpl")
                                public record Greeting(String name) {}
                                """)
                        .write(TEMPLATE, "<h1>Hello, {{.Name}}!</h1>\n");
        ThrowAwayProject.Build first = p.mvn("compile");
        assertTrue(first.ok(), first.toString());
        assertTrue(p.read(RENDERER).contains("Hello, "));

        // when nothing changed, nothing is recompiled
        ThrowAwayProject.Build again = p.mvn("compile");
        assertTrue(again.ok(), again.toString());
        assertFalse(again.output().contains("recompiling"), again.toString());

        // when only the template changes, compile regenerates the renderer
        p.write(TEMPLATE, "<h1>Bonjour, {{.Name}}!</h1>\n");
        ThrowAwayProject.Build edited = p.mvn("compile");
        assertTrue(edited.ok(), edited.toString());
        assertTrue(
                edited.output()
                        .contains(
                                "livetemplate: com/example/greeting.tmpl changed: recompiling"
                                        + " com.example.Greeting"),
                edited.toString());
        assertTrue(p.read(RENDERER).contains("Bonjour, "), p.read(RENDERER));

        // when the template gets an error, the build fails with it, also when run again
        p.write(TEMPLATE, "<h1>Bonjour, {{.Nmae}}!</h1>\n");
        for (int run = 0; run < 2; run++) {
            ThrowAwayProject.Build broken = p.mvn("compile");
            assertFalse(broken.ok(), broken.toString());
            assertTrue(broken.output().contains("greeting.tmpl:1:"), broken.toString());
            assertTrue(broken.output().contains("has no component 'Nmae'"), broken.toString());
        }

        // and once fixed, package builds the jar with the new renderer
        p.write(TEMPLATE, "<h1>Salut, {{.Name}}!</h1>\n");
        ThrowAwayProject.Build fixed = p.mvn("package");
        assertTrue(fixed.ok(), fixed.toString());
        assertTrue(p.read(RENDERER).contains("Salut, "));
        assertTrue(Files.isRegularFile(tmp.resolve("target/greeting-1.0.jar")));
    }
}
