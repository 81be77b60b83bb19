package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class StartRefusalAnalyzerTests {

    private final StartRefusalAnalyzer analyzer = new StartRefusalAnalyzer();

    @Test
    void reportsTheServicesOwnExceptionFoundInTheCauseChain() {
        CsvFormatException refusal = new CsvFormatException("rules/knowledge/ingredients.csv line 7: no factor");

        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("ruleBase", "wrapped", refusal));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("rules/knowledge/ingredients.csv line 7: no factor");
        assertThat(analysis.getCause()).isSameAs(refusal);
    }

    @Test
    void reportsAnIllegalStateExceptionRaisedInTheServicesCode() {
        IllegalStateException refusal = new IllegalStateException("taper.security.ehr.algorithms is empty");

        assertThat(analyzer.analyze(refusal)).isNotNull();
    }

    @Test
    void leavesEveryOtherFailureToSpringBoot() {
        IllegalStateException foreign = new IllegalStateException("from a library");
        foreign.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.springframework.context.support.AbstractApplicationContext", "refresh", null, 1)
        });

        assertThat(analyzer.analyze(new BeanCreationException("x", "wrapped", foreign)))
                .isNull();
        assertThat(analyzer.analyze(new RuntimeException("no message of ours"))).isNull();
    }
}
