package org.tapercds.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One attempt to put a rule base in service (the start-up load or a reload) and how it ended: what
 * {@code GET /admin/rules} shows as the last attempt and {@code POST /admin/rules/reload} answers.
 * A refusal keeps the rule base that was serving.
 *
 * @param trigger what asked for it: {@code start-up}, {@code watch} (a file change) or {@code
 *     endpoint}
 * @param millis how long it took, reading the files to the swap or the refusal
 * @param candidate the version (content hash) of the files read; null when they could not be read
 * @param inService the version serving after the attempt (the candidate's when loaded)
 * @param problems why a candidate was refused, one per entry, each naming its file (and line where
 *     the loader or the check gives one), prefixed by the check's name for a check's problem; empty
 *     otherwise
 */
public record RuleReload(
        Result result,
        String trigger,
        Instant attemptedAt,
        long millis,
        String candidate,
        String inService,
        List<String> problems) {

    /** What the attempt did. */
    public enum Result {
        /** The candidate passed every check and is in service. */
        LOADED,
        /** The files are those of the rule base in service: nothing was built. */
        UNCHANGED,
        /** The candidate failed to load or a check found problems: the previous one keeps serving. */
        REFUSED
    }

    /** A problem naming a scenario file without a line: {@code [check: ]<folder>/scenarios/<name>.json: ...}. */
    private static final Pattern SCENARIO_PROBLEM =
            Pattern.compile("^((?:[^:]+: )?)([^\\s:]+/scenarios/[^\\s:/]+\\.json): (.*)$", Pattern.DOTALL);

    private static final Pattern EXPECT = Pattern.compile("\"expect\"\\s*:");

    public RuleReload {
        problems = List.copyOf(problems);
    }

    public boolean refused() {
        return result == Result.REFUSED;
    }

    /**
     * The problems of a refusal message (a loader's {@link RuleBaseException}): one per line, without
     * blank lines and headings such as "the rules do not compile:".
     */
    static List<String> problemsOf(String message) {
        List<String> problems = new ArrayList<>();
        for (String line : String.valueOf(message).split("\\R")) {
            String problem = line.strip();
            boolean heading = problem.endsWith(":")
                    && !problem.substring(0, problem.length() - 1).contains(":");
            if (!problem.isEmpty() && !heading) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /**
     * The problems with each failing scenario placed at its {@code "expect"} ({@code
     * file:line:column}, as the command line's {@code test} reports it), where what differed is
     * written; the scenario check names the file only.
     */
    static List<String> located(List<String> problems, Path rulesRoot) {
        List<String> located = new ArrayList<>();
        for (String problem : problems) {
            Matcher scenario = SCENARIO_PROBLEM.matcher(problem);
            String at = scenario.matches() ? expectAt(rulesRoot.resolve(scenario.group(2))) : null;
            located.add(
                    at == null ? problem : scenario.group(1) + scenario.group(2) + ":" + at + ": " + scenario.group(3));
        }
        return located;
    }

    /** {@code line:column} of a scenario file's {@code "expect"}; null when it cannot be found. */
    private static String expectAt(Path file) {
        try {
            String text = Files.readString(file);
            Matcher expect = EXPECT.matcher(text);
            if (!expect.find()) {
                return null;
            }
            String before = text.substring(0, expect.start());
            long line = before.chars().filter(c -> c == '\n').count() + 1;
            return line + ":" + (expect.start() - before.lastIndexOf('\n'));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
