package org.tapercds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.builder.Message;

/**
 * Turns Drools' build messages into {@code file:line:column: message} at the line the informaticist
 * has to change, without Drools' stack traces or generated Java.
 *
 * <p>Why this is needed: the DRL parser reports syntax errors at the right place ({@code [ERR 102]
 * Line 38:4 …}), but the executable-model compiler, which checks the constraints against the fact
 * classes, reports a misspelled field or method at line -1 or 1 of the file, or at the line of
 * {@code rule "…"}, and an error in a consequence at a line of the Java it generated. Its message
 * text, though, quotes what it could not understand ({@code Unable to parse left part of
 * expression: curentMgDe > 0}, {@code Method maxReductionFractio on class … is missing}, {@code
 * $reductio cannot be resolved}): the real place is found by looking for that text in the DRL
 * (comments blanked out), within the rule the message names or starts at when it names one, and an
 * error in a consequence ({@code (line 4,col 23)}) is counted from the rule's {@code then}. What
 * was expected is added where it can be known: the fields of the fact type, with the nearest as
 * "did you mean". When nothing is found the message keeps Drools' line.
 */
final class DrlProblems {

    private static final Pattern PARSER_AT = Pattern.compile("\\[ERR \\d+] Line (\\d+):(\\d+)\\s*");
    private static final Pattern CONSEQUENCE_AT = Pattern.compile("\\(line (\\d+),\\s*col (\\d+)\\)");
    private static final Pattern RULE_NAMED = Pattern.compile("(?:in rule \"|Rule name=')([^\"']+)");
    private static final List<Pattern> EXPRESSION = List.of(
            Pattern.compile("Unable to parse left part of expression: (.+)"),
            Pattern.compile("Unable to Analyse Expression (.+?):?$"),
            Pattern.compile("Predicate '(.+)' must be a Boolean expression"));
    private static final Pattern METHOD_MISSING =
            Pattern.compile("Method (\\w+) on class ([\\w.$]+) with arguments .* is missing");
    private static final Pattern CLASS_MISSING = Pattern.compile("Unable to find class: ([\\w.$]+)");
    private static final Pattern UNRESOLVED = Pattern.compile("^([\\w$]+) cannot be resolved");
    private static final Pattern METHOD_UNDEFINED = Pattern.compile("The method (\\w+)\\(");

    private final List<DrlSource> sources;

    DrlProblems(List<DrlSource> sources) {
        this.sources = sources;
    }

    /** One problem per message that matters (follow-up noise such as "null Package" left out). */
    List<String> describe(List<Message> messages) {
        List<String> problems = new ArrayList<>();
        for (Message message : messages) {
            String text = clean(message.getText());
            if (text.startsWith("Parser returned a null Package") || text.startsWith("Java source of")) {
                continue;
            }
            problems.add(describe(message, text));
        }
        return problems;
    }

    private String describe(Message message, String text) {
        Optional<DrlSource> drl = sourceOf(message.getPath());
        if (drl.isEmpty()) {
            // Generated Java of a consequence: look for the unresolved name in the package's DRL.
            Optional<String> located = inGeneratedJava(message.getPath(), text);
            return located.orElse(message.getPath() + ": " + text);
        }
        DrlSource source = drl.get();
        Matcher parser = PARSER_AT.matcher(text);
        if (parser.find()) {
            // The DRL parser knows the place (its column counts from 0).
            return at(source, Integer.parseInt(parser.group(1)), Integer.parseInt(parser.group(2)) + 1)
                    + text.substring(parser.end());
        }
        int[] rule = ruleOf(source, message.getLine(), text);
        Matcher consequence = CONSEQUENCE_AT.matcher(text);
        if (consequence.find()) {
            // Lines of a consequence count from its rule's "then".
            int then = source.find(Pattern.compile("\\bthen\\b"), rule[0], rule[1]);
            if (then >= 0) {
                int line = source.place(then).line() + Integer.parseInt(consequence.group(1)) - 1;
                return at(source, line, Integer.parseInt(consequence.group(2)))
                        + text.substring(0, consequence.start())
                                .replace("caused by:", "")
                                .strip()
                        + " " + text.substring(consequence.end()).strip();
            }
        }
        for (Pattern pattern : EXPRESSION) {
            Matcher expression = pattern.matcher(text);
            if (expression.find()) {
                String written = expression.group(1).strip();
                int offset = source.find(loosely(written), rule[0], rule[1]);
                if (offset >= 0) {
                    return at(source, source.place(offset)) + text + FactFields.hint(source, offset, written);
                }
            }
        }
        Matcher method = METHOD_MISSING.matcher(text);
        if (method.find()) {
            int offset = source.find(Pattern.compile("\\b" + method.group(1) + "\\s*\\("), rule[0], rule[1]);
            if (offset >= 0) {
                return at(source, source.place(offset))
                        + text
                        + FactFields.methodHint(method.group(2), method.group(1));
            }
        }
        Matcher type = CLASS_MISSING.matcher(text);
        if (type.find()) {
            int offset = source.find(Pattern.compile("\\b" + Pattern.quote(type.group(1)) + "\\b"), rule[0], rule[1]);
            if (offset >= 0) {
                return at(source, source.place(offset)) + text + FactFields.typeHint(source, type.group(1));
            }
        }
        return at(source, Math.max(message.getLine(), 1), Math.max(message.getColumn(), 1)) + text;
    }

    /** The rule the message names, or the one at its line; the whole file when neither is known. */
    private static int[] ruleOf(DrlSource source, int line, String text) {
        Matcher named = RULE_NAMED.matcher(text);
        if (named.find()) {
            int[] rule = source.rule(named.group(1));
            if (rule != null) {
                return rule;
            }
        }
        return line > 1 ? source.ruleAround(line) : new int[] {0, source.code().length()};
    }

    private Optional<String> inGeneratedJava(String path, String text) {
        Matcher name = UNRESOLVED.matcher(text);
        Matcher method = METHOD_UNDEFINED.matcher(text);
        String identifier = name.find() ? name.group(1) : method.find() ? method.group(1) : null;
        if (identifier == null || path == null) {
            return Optional.empty();
        }
        for (DrlSource source : sources) {
            String packagePath = "src/main/java/" + source.packageName().replace('.', '/') + "/";
            if (!path.startsWith(packagePath)) {
                continue;
            }
            Pattern then = Pattern.compile("\\bthen\\b");
            Pattern written = Pattern.compile("(?<![\\w$])" + Pattern.quote(identifier) + "(?![\\w$])");
            int from = source.find(then, 0, source.code().length());
            while (from >= 0) {
                int end = source.find(
                        Pattern.compile("(?m)^\\s*end\\b"), from, source.code().length());
                int offset = source.find(written, from, end < 0 ? source.code().length() : end);
                if (offset >= 0) {
                    return Optional.of(at(source, source.place(offset)) + "in the consequence (then … end): " + text);
                }
                from = end < 0 ? -1 : source.find(then, end, source.code().length());
            }
        }
        return Optional.empty();
    }

    private Optional<DrlSource> sourceOf(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return sources.stream()
                .filter(s -> path.endsWith(
                        s.packageName().replace('.', '/') + "/" + s.file().getFileName()))
                .findFirst();
    }

    /** The written text with any whitespace between its tokens. */
    private static Pattern loosely(String written) {
        StringBuilder pattern = new StringBuilder();
        for (String token : written.split("\\s+")) {
            if (!pattern.isEmpty()) {
                pattern.append("\\s*");
            }
            pattern.append(Pattern.quote(token));
        }
        return Pattern.compile(pattern.toString());
    }

    private static String at(DrlSource source, DrlSource.Place place) {
        // The column of the first identifier of an expression is where the reader must look.
        return at(source, place.line(), place.column());
    }

    private static String at(DrlSource source, int line, int column) {
        return source.name() + ":" + line + ":" + column + ": ";
    }

    /** The message without Drools' stack trace or generated source, on one line. */
    private static String clean(String text) {
        String kept = text;
        int trace = kept.indexOf("Problem stacktrace");
        if (trace >= 0) {
            kept = kept.substring(0, trace);
        }
        return kept.replaceAll("\\s+", " ").strip().replaceAll("[,:]$", "");
    }
}
