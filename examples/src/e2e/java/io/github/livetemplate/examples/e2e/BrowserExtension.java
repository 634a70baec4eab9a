package io.github.livetemplate.examples.e2e;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives browser tests the shared {@link E2E} (server and Chromium), started on first use and closed
 * when the whole test run ends (it lives in the root store), so one browser serves every test
 * class.
 *
 * <p>The tests are skipped, with a message, only when {@code /usr/bin/chromium} is not installed;
 * {@code scripts/test.sh} installs it ({@code chromium} and {@code chromium-driver}), so in CI they
 * run.
 */
public final class BrowserExtension implements ExecutionCondition, ParameterResolver {
    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!Files.isExecutable(E2E.CHROMIUM)) {
            return ConditionEvaluationResult.disabled(
                    "browser tests skipped: "
                            + E2E.CHROMIUM
                            + " is not installed (apt-get install chromium chromium-driver, or run"
                            + " scripts/test.sh, which installs them)");
        }
        return ConditionEvaluationResult.enabled(E2E.CHROMIUM + " is installed");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == E2E.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent(E2E.class, k -> E2E.start(), E2E.class);
    }
}
