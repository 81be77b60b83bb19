package org.tapercds.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Compiles the DRL files of a rules directory with Drools' executable model into one {@link
 * KieBase}; compile errors are reported with the DRL file and line.
 */
final class DrlCompiler {

    /** A block comment directly before {@code rule "name"}: the rule's When/Then header. */
    private static final Pattern HEADER =
            Pattern.compile("/\\*((?:(?!\\*/).)*)\\*/\\s*rule\\s+\"([^\"]+)\"", Pattern.DOTALL);

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    private DrlCompiler() {}

    /**
     * @param resourcePaths each DRL's path in the KieFileSystem → the file on disk
     * @param headers rule name → its When/Then header as written (template text)
     * @param sources every DRL file's text, to find where a rule is written
     */
    record Compiled(
            KieBase kieBase, Map<String, Path> resourcePaths, Map<String, String> headers, List<DrlSource> sources) {

        /** Where {@code rule "name"} of a package is written: {@code file:line:column}. */
        String placeOf(Path root, String packageName, String ruleName) {
            return placeOf(root, packageName, ruleName, null);
        }

        /** Where {@code within} (e.g. {@code @id}) is written in a rule, else where the rule is. */
        String placeOf(Path root, String packageName, String ruleName, Pattern within) {
            for (DrlSource source : sources) {
                int[] rule = source.packageName().equals(packageName) ? source.rule(ruleName) : null;
                if (rule != null) {
                    int found = within == null ? -1 : source.find(within, rule[0], rule[1]);
                    DrlSource.Place place = source.place(found >= 0 ? found : rule[0]);
                    return source.name() + ":" + place.line() + ":" + place.column();
                }
            }
            return fileOf(root, packageName);
        }

        /** The DRL file (relative to the rules directory) of a rule package. */
        String fileOf(Path root, String packageName) {
            String packagePath = "src/main/resources/" + packageName.replace('.', '/') + "/";
            return resourcePaths.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(packagePath))
                    .map(e -> RuleFiles.relative(root, e.getValue()))
                    .findFirst()
                    .orElse(packageName);
        }
    }

    static Compiled compile(Path root, List<Path> drlFiles, String version) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem fileSystem = services.newKieFileSystem();
        ReleaseId releaseId = services.newReleaseId("org.tapercds", "rules-" + version, "1.0.0");
        fileSystem.generateAndWritePomXML(releaseId);
        Map<String, Path> resourcePaths = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        List<DrlSource> sources = new ArrayList<>();
        for (Path drl : drlFiles) {
            String content = read(drl);
            Matcher header = HEADER.matcher(content);
            while (header.find()) {
                headers.put(header.group(2), cleanHeader(header.group(1)));
            }
            Matcher matcher = PACKAGE.matcher(content);
            if (!matcher.find()) {
                throw new RuleBaseException(RuleFiles.relative(root, drl) + ":1:1: the DRL has no package declaration");
            }
            String resourcePath = "src/main/resources/" + matcher.group(1).replace('.', '/') + "/" + drl.getFileName();
            resourcePaths.put(resourcePath, drl);
            sources.add(DrlSource.of(RuleFiles.relative(root, drl), drl, matcher.group(1), content));
            fileSystem.write(resourcePath, content);
        }
        KieBuilder builder = services.newKieBuilder(fileSystem).buildAll(ExecutableModelProject.class);
        List<String> errors =
                new DrlProblems(sources).describe(builder.getResults().getMessages(Message.Level.ERROR));
        if (!errors.isEmpty()) {
            throw new RuleBaseException("the rules do not compile:\n" + String.join("\n", errors));
        }
        KieBase kieBase = services.newKieContainer(releaseId).getKieBase();
        services.getRepository().removeKieModule(releaseId);
        return new Compiled(kieBase, Map.copyOf(resourcePaths), Map.copyOf(headers), List.copyOf(sources));
    }

    private static String cleanHeader(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("*")) {
                stripped = stripped.substring(1);
                if (stripped.startsWith(" ")) {
                    stripped = stripped.substring(1);
                }
            }
            text.append(line.strip().startsWith("*") ? stripped : line.strip()).append('\n');
        }
        return text.toString().strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleBaseException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
