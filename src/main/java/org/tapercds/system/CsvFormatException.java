package org.tapercds.system;

/** A CSV table under {@code rules/} that cannot be used; the message names the file and line. */
public class CsvFormatException extends RuntimeException {

    public CsvFormatException(String message) {
        super(message);
    }
}
