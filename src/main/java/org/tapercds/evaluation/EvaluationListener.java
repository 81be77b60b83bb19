package org.tapercds.evaluation;

/**
 * Told of every live evaluation after its cards are final (e.g. to store alerts and audit it).
 * Called on the request's thread: an implementation hands the work off and returns at once.
 */
public interface EvaluationListener {

    void evaluated(Evaluation evaluation);
}
