package org.tapercds.system;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A start the service refuses — a rule base, value set or drug table that fails its checks, or a
 * setting it does not accept (authentication off beyond loopback, the prod profile without
 * PostgreSQL) — is reported by Spring Boot as "APPLICATION FAILED TO START" with the service's own
 * message, which names the file and line or the setting, instead of "Application run failed" with a
 * Java stack trace. Spring Boot logs the trace at DEBUG only. A failure the service did not raise
 * itself keeps Spring Boot's report.
 *
 * <p>The refusal is the first exception in the cause chain that the service's code threw: one of its
 * own exception types, or an {@link IllegalStateException} raised in its code (its configuration
 * checks).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartRefusalAnalyzer implements FailureAnalyzer {

    private static final String OWN_PACKAGE = "org.tapercds.";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isRefusal(cause) && cause.getMessage() != null) {
                return new FailureAnalysis(
                        cause.getMessage(),
                        "Correct what the message names (a file and line under the rule folders, or a setting: "
                                + "docs/rule-authoring.md, docs/deployment.md) and start again; java -jar "
                                + "taper-cds.jar validate checks rule folders without starting the service.",
                        cause);
            }
        }
        return null;
    }

    private static boolean isRefusal(Throwable cause) {
        if (cause.getClass().getName().startsWith(OWN_PACKAGE)) {
            return true;
        }
        StackTraceElement[] trace = cause.getStackTrace();
        return cause instanceof IllegalStateException
                && trace.length > 0
                && trace[0].getClassName().startsWith(OWN_PACKAGE);
    }
}
