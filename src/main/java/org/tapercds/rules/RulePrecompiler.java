package org.tapercds.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Build step (Maven {@code process-classes}, see {@code pom.xml}): compiles the repository's {@code
 * rules/} into {@code <classes>/}{@value CompiledRuleCache#FOLDER}, so the jar carries the compiled
 * rules it ships with and a start with those rules compiles nothing (ADR 0011). Nothing is compiled
 * when the entry there is up to date. Rules that do not compile are reported and the jar is built
 * without an entry (the tests refuse such rules anyway).
 *
 * <p>Usage: {@code RulePrecompiler <rules-dir> <classes-dir>}.
 */
public final class RulePrecompiler {

    private RulePrecompiler() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: RulePrecompiler <rules-dir> <classes-dir>");
        }
        // Drools logs every KieBase it makes; in the build only problems matter.
        LoggingSystem.get(RulePrecompiler.class.getClassLoader()).setLogLevel(null, LogLevel.WARN);
        long start = System.nanoTime();
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path folder = Path.of(args[1]).resolve(CompiledRuleCache.FOLDER);
        CompiledRuleCache cache = CompiledRuleCache.in(folder);
        List<Path> drlFiles = RuleFiles.withSuffix(root, ".drl");
        String key;
        String outcome;
        try {
            key = DrlCompiler.read(root, drlFiles).key(cache.classLoader());
            outcome = cache.holds(key)
                    ? "up to date"
                    : DrlCompiler.compile(root, drlFiles, cache).origin();
        } catch (RuleBaseException e) {
            System.err.println("[taper-cds] the jar gets no pre-compiled rules: " + e.getMessage());
            return;
        }
        if (!cache.holds(key)) {
            System.err.println("[taper-cds] the jar gets no pre-compiled rules: " + folder + " cannot be written");
            return;
        }
        // Only the entry of these rules goes into the jar.
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().startsWith(key + ".")) {
                    Files.delete(file);
                }
            }
        }
        System.out.printf(
                "[taper-cds] pre-compiled rules for the jar: %s %s (%d ms)%n",
                folder.resolve(key + CompiledRuleCache.KJAR), outcome, (System.nanoTime() - start) / 1_000_000);
    }
}
