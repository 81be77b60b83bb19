package org.tapercds.system;

/**
 * Escapes a value for insertion into CommonMark (a card's detail, summary or label) so that it
 * renders as the literal text it is: no raw HTML, links, images, emphasis, code, headings, lists,
 * block quotes, table cells or line breaks can come from it. Every value a card template inserts
 * passes through here (the template layer's escaper), whoever supplied it.
 *
 * <p>Characters that open inline constructs are backslash-escaped wherever they stand; those that
 * open a block only at the start of a line ({@code #}, {@code -} (not before a digit), {@code +},
 * {@code =}, "1. ") are escaped at the start of the value, since a value has no line breaks of its own: every run of
 * white space or control characters (CR, LF, tab, U+2028, …) becomes one space.
 */
public final class MarkdownText {

    private MarkdownText() {}

    public static String escape(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        if (plain(raw)) {
            return raw; // most values (numbers, dates, drug names): nothing to do, nothing allocated
        }
        String text = collapseWhitespace(raw);
        if (text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int first = 0;
        char head = text.charAt(0);
        if (head == '#' || head == '+' || head == '=' || (head == '-' && !startsWithDigitAt(text, 1))) {
            out.append('\\').append(head);
            first = 1;
        } else if (Character.isDigit(head)) {
            // "1. " or "1) " opens an ordered list at the start of a line ("1.5" does not).
            int end = 0;
            while (end < text.length() && end < 9 && Character.isDigit(text.charAt(end))) {
                end++;
            }
            if (end < text.length()
                    && (text.charAt(end) == '.' || text.charAt(end) == ')')
                    && (end + 1 == text.length() || text.charAt(end + 1) == ' ')) {
                out.append(text, 0, end).append('\\').append(text.charAt(end));
                first = end + 1;
            }
        }
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '&', '~' ->
                    out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Letters, digits, single inner spaces and punctuation that opens nothing, starting with a letter,
     * or a single word starting with a digit that is no list marker ("20", "33.3", "2026-11-24"): the
     * value is its own escape.
     */
    private static boolean plain(String text) {
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        if (last == ' ') {
            return false;
        }
        if (!Character.isLetter(first)
                && !(Character.isDigit(first) && text.indexOf(' ') < 0 && last != '.' && last != ')')) {
            return false;
        }
        char previous = 'a';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = Character.isLetterOrDigit(c)
                    || (c == ' ' && previous != ' ')
                    || c == '.'
                    || c == ','
                    || c == ':'
                    || c == ';'
                    || c == '/'
                    || c == '-'
                    || c == '('
                    || c == ')'
                    || c == '%'
                    || c == '+'
                    || c == '\''
                    || c == '=';
            if (!ok) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static boolean startsWithDigitAt(String text, int index) {
        return index < text.length() && Character.isDigit(text.charAt(index));
    }

    /** Runs of white space and control characters become one space; the ends are trimmed. */
    static String collapseWhitespace(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean space = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
