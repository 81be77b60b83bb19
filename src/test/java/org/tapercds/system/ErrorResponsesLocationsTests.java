package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an internal error's log line says of the failure: code locations, never a message or a trace. */
class ErrorResponsesLocationsTests {

    @Test
    void namesEachCauseByClassAndWhereItWasThrownWithoutItsMessage() {
        IllegalStateException failure = failure();

        String locations = ErrorResponses.locations(failure);

        assertThat(locations)
                .startsWith(
                        "java.lang.IllegalStateException at org.tapercds.system.ErrorResponsesLocationsTests.failure(")
                .contains(
                        "; caused by java.lang.NumberFormatException at java.base/java.lang.NumberFormatException.forInputString(")
                // thrown in the JDK: the service's own frame nearest to it is named too
                .contains(", from org.tapercds.system.ErrorResponsesLocationsTests.parse(")
                .doesNotContain("patient-42")
                .doesNotContain("\n");
    }

    @Test
    void stopsAtACycleAndAfterEightCauses() {
        RuntimeException first = new RuntimeException("a");
        RuntimeException second = new RuntimeException("b", first);
        first.initCause(second);
        RuntimeException deep = new RuntimeException("0");
        for (int i = 1; i < 20; i++) {
            deep = new RuntimeException(String.valueOf(i), deep);
        }

        assertThat(ErrorResponses.locations(first).split("; caused by ")).hasSize(2);
        assertThat(ErrorResponses.locations(deep).split("; caused by ")).hasSize(8);
    }

    private static IllegalStateException failure() {
        try {
            parse("patient-42");
            throw new AssertionError("not reached");
        } catch (NumberFormatException e) {
            return new IllegalStateException("no dose for patient-42", e);
        }
    }

    private static int parse(String text) {
        return Integer.parseInt(text);
    }
}
