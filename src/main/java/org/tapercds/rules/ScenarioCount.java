package org.tapercds.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many scenario files a rule folder holds ({@code <folder>/scenarios/fires-*.json} and {@code
 * silent-*.json}), counted from the files a rule base was built from, for {@code GET /admin/rules}.
 * That they pass and cover every rule is the scenario check's business, before the rule base serves.
 */
public record ScenarioCount(String folder, int fires, int silent) {

    /** The scenario files of every folder below {@code rulesRoot} that has any, by folder name. */
    static List<ScenarioCount> inFolders(Path rulesRoot) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Path file : RuleFiles.list(rulesRoot, ScenarioCount::isScenarioFile)) {
            String relative = RuleFiles.relative(rulesRoot, file);
            int slash = relative.indexOf('/');
            String folder = slash < 0 ? "" : relative.substring(0, slash);
            String name = file.getFileName().toString();
            int[] count = counts.computeIfAbsent(folder, f -> new int[2]);
            if (name.startsWith("fires-")) {
                count[0]++;
            } else if (name.startsWith("silent-")) {
                count[1]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new ScenarioCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /** A scenario file: {@code <folder>/scenarios/<name>.json} (the scenario check reads the same ones). */
    public static boolean isScenarioFile(Path file) {
        Path parent = file.getParent();
        return parent != null
                && parent.getFileName() != null
                && parent.getFileName().toString().equals("scenarios")
                && file.toString().endsWith(".json");
    }
}
