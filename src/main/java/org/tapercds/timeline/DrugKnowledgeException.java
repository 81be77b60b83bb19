package org.tapercds.timeline;

/** The drug knowledge table cannot be used; the message names the file and line. */
public class DrugKnowledgeException extends RuntimeException {

    public DrugKnowledgeException(String message) {
        super(message);
    }
}
