package io.github.livetemplate.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Before {@code compile}: deletes the class of every {@code @LiveTemplate} record whose template
 * changed since its renderer was generated, so that the compiler plugin recompiles it and the
 * processor regenerates the renderer (or reports the template's errors).
 */
@Mojo(name = "refresh", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public final class RefreshMojo extends AbstractRefreshMojo {

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
    private File outputDirectory;

    @Parameter(defaultValue = "${project.resources}", readonly = true, required = true)
    private List<Resource> resources;

    /** Creates the goal (Maven instantiates it). */
    public RefreshMojo() {}

    @Override
    File classes() {
        return outputDirectory;
    }

    @Override
    List<Resource> resources() {
        return resources;
    }
}
