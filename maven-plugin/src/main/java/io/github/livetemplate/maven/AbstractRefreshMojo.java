package io.github.livetemplate.maven;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** What both goals share: check the recorded templates of one class output. */
abstract class AbstractRefreshMojo extends AbstractMojo {

    /** Skips the check. */
    @Parameter(property = "livetemplate.refresh.skip", defaultValue = "false")
    private boolean skip;

    /** The class output the processor wrote its records into. */
    abstract File classes();

    /** The resource folders templates come from. */
    abstract List<Resource> resources();

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("livetemplate: refresh skipped");
            return;
        }
        List<Staleness.Root> roots = new ArrayList<>();
        for (Resource r : resources()) {
            if (r.getDirectory() != null) {
                roots.add(
                        new Staleness.Root(new File(r.getDirectory()).toPath(), r.getTargetPath()));
            }
        }
        try {
            Staleness.refresh(classes().toPath(), roots, m -> getLog().info("livetemplate: " + m));
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "livetemplate: cannot check the templates in " + classes() + ": " + e, e);
        }
    }
}
