package org.tapercds.timeline;

/**
 * Thrown inside normalisation when a dose cannot be computed; {@link DoseNormaliser} turns it into
 * the order's unassessable reason. Cheap: it carries no stack trace.
 */
final class Unassessable extends RuntimeException {

    Unassessable(String reason) {
        super(reason, null, false, false);
    }
}
