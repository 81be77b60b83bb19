package org.tapercds.evaluation.scenarios;

/** A scenario file that cannot be read; the message names the file. */
public class ScenarioException extends RuntimeException {

    public ScenarioException(String message) {
        super(message);
    }
}
