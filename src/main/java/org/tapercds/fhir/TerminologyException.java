package org.tapercds.fhir;

/** {@code fhir-profiles/} cannot be used; the message names the file. */
public class TerminologyException extends RuntimeException {

    public TerminologyException(String message) {
        super(message);
    }
}
