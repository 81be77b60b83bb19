package org.tapercds.rules;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DRL file's text, with its comments blanked out (same length, line breaks kept), for finding
 * where something is written: a rule, an expression, an identifier, by line and column.
 *
 * @param name the file relative to the rules directory
 * @param code the text with every comment replaced by spaces, so offsets are those of the file
 */
record DrlSource(String name, Path file, String packageName, String text, String code) {

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern END = Pattern.compile("(?m)^\\s*end\\b");

    static DrlSource of(String name, Path file, String packageName, String text) {
        StringBuilder code = new StringBuilder(text);
        Matcher comment = COMMENT.matcher(text);
        while (comment.find()) {
            for (int i = comment.start(); i < comment.end(); i++) {
                if (code.charAt(i) != '\n') {
                    code.setCharAt(i, ' ');
                }
            }
        }
        return new DrlSource(name, file, packageName, text, code.toString());
    }

    /** A place in the file: 1-based line and column. */
    record Place(int line, int column) {}

    Place place(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Place(line, offset - lineStart + 1);
    }

    /** The offset where a line starts (1-based; past the end: the text's length). */
    int offsetOfLine(int line) {
        int offset = 0;
        for (int current = 1; current < line; current++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                return text.length();
            }
            offset = newline + 1;
        }
        return offset;
    }

    /** The span [start, end) of {@code rule "name" … end}, or null when this file has no such rule. */
    int[] rule(String ruleName) {
        Matcher rule = Pattern.compile("\\brule\\s+\"" + Pattern.quote(ruleName) + "\"")
                .matcher(code);
        if (!rule.find()) {
            return null;
        }
        Matcher end = END.matcher(code);
        return new int[] {rule.start(), end.find(rule.end()) ? end.end() : code.length()};
    }

    /** The span of the rule that starts on or contains this line, or the whole file. */
    int[] ruleAround(int line) {
        int offset = offsetOfLine(Math.max(line, 1));
        Matcher rule = Pattern.compile("\\brule\\s+\"").matcher(code);
        int[] span = {0, code.length()};
        while (rule.find()) {
            Matcher end = END.matcher(code);
            int ruleEnd = end.find(rule.end()) ? end.end() : code.length();
            if (place(rule.start()).line() <= Math.max(line, 1) && offset < ruleEnd) {
                span = new int[] {rule.start(), ruleEnd};
            }
        }
        return span;
    }

    /** The first match of {@code pattern} in the code within [from, to), or -1. */
    int find(Pattern pattern, int from, int to) {
        Matcher matcher = pattern.matcher(code).region(Math.max(0, from), Math.min(to, code.length()));
        return matcher.find() ? matcher.start() : -1;
    }
}
