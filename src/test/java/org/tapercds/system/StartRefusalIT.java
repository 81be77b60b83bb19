package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tapercds.TaperCdsApplication;

/**
 * A start the service refuses is reported with its own message and what to do, without a Java
 * stack trace in the log ({@link StartRefusalAnalyzer}). Real starts of the application.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartRefusalIT {

    @TempDir
    Path emptyRules;

    @Test
    void aRuleFolderThatFailsItsChecksIsReportedWithoutAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> start("taper.rules-dir=" + emptyRules))
                .hasMessageContaining(emptyRules + ": no .drl files");

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains(emptyRules + ": no .drl files")
                .contains("java -jar taper-cds.jar validate")
                .doesNotContain("Application run failed")
                .doesNotContainPattern("(?m)^\\s+at [a-z]");
    }

    @Test
    void aSettingTheServiceRefusesIsReportedWithoutAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> start("server.address=0.0.0.0", "taper.security.ehr.enabled=false"))
                .rootCause()
                .isInstanceOf(IllegalStateException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("taper.security.ehr.enabled=false is allowed only when server.address is a loopback address")
                .doesNotContainPattern("(?m)^\\s+at [a-z]");
    }

    private static void start(String... properties) {
        String[] args = Stream.concat(Stream.of("server.port=0", "management.server.port=0"), Arrays.stream(properties))
                .map(p -> "--" + p)
                .toArray(String[]::new);
        new SpringApplicationBuilder(TaperCdsApplication.class).run(args).close();
    }
}
