package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image recipe's class-data archive (deploy/image/Dockerfile runs deploy/image/cds-archive.sh)
 * on the jar {@code mvn package} just built, extracted as the recipe extracts it, with the JVM
 * options the recipe names: the service then starts from the archive, which serves most of the
 * classes a start loads. {@code -Xshare:on} makes an archive the JVM cannot map an error instead of
 * a silent start without it. Run by failsafe after {@code package}.
 */
class ClassDataArchivePackagedIT {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void theServiceStartsFromTheArchiveTheImageRecipeMakes() throws Exception {
        String packaged = System.getProperty("taper.packaged-jar");
        assertThat(packaged)
                .as("taper.packaged-jar: run by failsafe after package (mvn -B verify)")
                .isNotNull();
        Path jar = Path.of(packaged);
        assertThat(jar).as("the packaged jar").isRegularFile();
        Path app = dir.resolve("app");
        run(
                dir,
                List.of(),
                JAVA,
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--destination",
                app.toString(),
                "--application-filename",
                "taper-cds.jar");
        List<String> options = DeployManifestsTests.imageJavaOptions();

        String made = run(
                dir,
                List.of("JAVA=" + JAVA, "JAVA_OPTS=" + String.join(" ", options)),
                Path.of("deploy/image/cds-archive.sh").toAbsolutePath().toString(),
                app.toString(),
                Path.of("rules").toAbsolutePath().toString(),
                Path.of("fhir-profiles").toAbsolutePath().toString());

        Path archive = app.resolve("taper-cds.jsa");
        assertThat(archive).isRegularFile();
        assertThat(made).contains("classes archived");
        // A start of the service as production runs it (stopped once started), mapping the archive.
        Path classLog = dir.resolve("class-load.log");
        Path startDir = Files.createDirectories(dir.resolve("start"));
        List<String> start = new ArrayList<>(List.of(JAVA));
        start.addAll(options);
        start.addAll(List.of(
                "-XX:SharedArchiveFile=" + archive,
                "-Xshare:on",
                "-Xlog:class+load=info:file=" + classLog,
                "-Dspring.context.exit=onRefresh",
                "-jar",
                app.resolve("taper-cds.jar").toString(),
                "--server.port=0",
                "--management.server.port=0",
                "--taper.rules-dir=" + Path.of("rules").toAbsolutePath(),
                "--taper.profiles-dir=" + Path.of("fhir-profiles").toAbsolutePath()));
        run(startDir, List.of(), start.toArray(String[]::new));

        List<String> loaded;
        try (Stream<String> lines = Files.lines(classLog)) {
            loaded = lines.filter(line -> line.contains(" source: ")).toList();
        }
        long shared = loaded.stream()
                .filter(line -> line.contains("source: shared objects file"))
                .count();
        assertThat(shared)
                .as("classes of %d loaded that came from the archive", loaded.size())
                .isGreaterThan(loaded.size() / 2);
        assertThat(loaded)
                .as("application classes from the archive: Spring Boot, the rule engine, HAPI, the service")
                .anySatisfy(
                        line -> assertThat(line).contains("org.springframework.boot.SpringApplication source: shared"))
                .anySatisfy(line -> assertThat(line).contains("org.drools.").contains("source: shared"))
                .anySatisfy(line -> assertThat(line).contains("ca.uhn.fhir.context.FhirContext source: shared"))
                .anySatisfy(line -> assertThat(line).contains("org.tapercds.").contains("source: shared"));
    }

    /** Runs a command to its end (at most 3 minutes) and returns its output; fails on a non-zero exit. */
    private static String run(Path workDir, List<String> environment, String... command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(workDir, "output", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        for (String variable : environment) {
            int equals = variable.indexOf('=');
            builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        Process process = builder.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            // the script's JVMs too, not only the shell
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        assertThat(ended && process.exitValue() == 0)
                .as(
                        "%s ended with exit 0; its output:%n%s",
                        command[0].substring(command[0].lastIndexOf(File.separatorChar) + 1), tail(text))
                .isTrue();
        return text;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
