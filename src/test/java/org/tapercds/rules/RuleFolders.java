package org.tapercds.rules;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

/** Copies of the project's informaticist folders for tests that change a file and load them. */
public final class RuleFolders {

    private RuleFolders() {}

    /** Loads a rule base from {@code rules} and the project's {@code fhir-profiles} (no checks run). */
    public static RuleBase load(Path rules) {
        return new RuleBaseLoader(Clock.systemUTC(), FhirContext.forR4Cached()).load(rules, Path.of("fhir-profiles"));
    }

    /** Copies {@code ./rules} into {@code target}. */
    public static void copyRules(Path target) throws IOException {
        copyTree(Path.of("rules"), target);
    }

    public static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
    }
}
