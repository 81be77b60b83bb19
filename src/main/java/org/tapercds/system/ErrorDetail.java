package org.tapercds.system;

/**
 * One client-safe statement about what is wrong.
 *
 * @param message what is wrong, naming fields, prefetch keys or entry indexes; never resource
 *     content, patient data or tokens
 * @param expression the path of the offending element (e.g. {@code context.patientId}, {@code
 *     prefetch.medications.entry[3]}), or null when it is the request as a whole
 */
public record ErrorDetail(String message, String expression) {}
