package org.tapercds.rules;

/** A rule base (DRL, settings, knowledge table) that cannot be used; the message names file and line. */
public class RuleBaseException extends RuntimeException {

    public RuleBaseException(String message) {
        super(message);
    }
}
