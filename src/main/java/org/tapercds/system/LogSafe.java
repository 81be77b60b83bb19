package org.tapercds.system;

/** Makes client-supplied identifiers safe to log: bounded length, no control characters. */
public final class LogSafe {

    private static final int MAX = 100;

    private LogSafe() {}

    public static String text(String value) {
        if (value == null) {
            return "-";
        }
        String bounded = value.length() > MAX ? value.substring(0, MAX) + "…" : value;
        StringBuilder out = new StringBuilder(bounded.length());
        bounded.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
