package org.tapercds.evaluation;

import tools.jackson.databind.JsonNode;

/**
 * Told of every live evaluation after its cards are final (e.g. to store alerts and audit it).
 * Called on the request's thread: an implementation hands the work off and returns at once.
 */
public interface EvaluationListener {

    void evaluated(Evaluation evaluation);

    /**
     * As {@link #evaluated(Evaluation)}, with the request's JSON as received, for a listener that
     * keeps requests (the impact preview's replay); others need not override it.
     */
    default void evaluated(Evaluation evaluation, JsonNode body) {
        evaluated(evaluation);
    }
}
