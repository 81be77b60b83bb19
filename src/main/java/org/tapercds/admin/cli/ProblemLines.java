package org.tapercds.admin.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a refusal's problems one per line as {@code file:line:column: message}, the form editors
 * and terminals turn into links: a file named relative to the rules or profiles directory (as the
 * service's messages name them) gets that directory in front, so the path works from where the
 * command was run.
 */
final class ProblemLines {

    private static final Pattern FILE = Pattern.compile("^([^\\s:]+\\.(?:drl|yaml|json|properties|csv|md))(?=[:\\s(])");

    private final Path rulesDir;
    private final Path profilesDir;

    ProblemLines(Path rulesDir, Path profilesDir) {
        this.rulesDir = rulesDir;
        this.profilesDir = profilesDir;
    }

    /** Each problem of a message (a heading such as "the rules do not compile:" is left out). */
    int print(String message, PrintStream err) {
        int count = 0;
        for (String line : message.split("\\R")) {
            if (line.isBlank() || (line.endsWith(":") && !FILE.matcher(line).find())) {
                continue;
            }
            err.println(located(line));
            count++;
        }
        return count;
    }

    /** The line with its file named from the working directory. */
    String located(String line) {
        String problem = line.replaceFirst("^(card templates|scenarios): ", "");
        Matcher file = FILE.matcher(problem);
        if (!file.find() || Path.of(file.group(1)).isAbsolute()) {
            return problem;
        }
        for (Path dir : new Path[] {rulesDir, profilesDir}) {
            Path named = dir.resolve(file.group(1));
            if (Files.exists(named) || (named.getParent() != null && Files.isDirectory(named.getParent()))) {
                return dir.resolve(file.group(1)).toString().replace('\\', '/') + problem.substring(file.end());
            }
        }
        return problem;
    }
}
