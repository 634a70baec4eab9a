package io.github.livetemplate.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code refresh} for the test classes: records with templates under the test resources. */
@Mojo(
        name = "test-refresh",
        defaultPhase = LifecyclePhase.PROCESS_TEST_RESOURCES,
        threadSafe = true)
public final class TestRefreshMojo extends AbstractRefreshMojo {

    @Parameter(
            defaultValue = "${project.build.testOutputDirectory}",
            readonly = true,
            required = true)
    private File testOutputDirectory;

    @Parameter(defaultValue = "${project.testResources}", readonly = true, required = true)
    private List<Resource> testResources;

    /** Creates the goal (Maven instantiates it). */
    public TestRefreshMojo() {}

    @Override
    File classes() {
        return testOutputDirectory;
    }

    @Override
    List<Resource> resources() {
        return testResources;
    }
}
