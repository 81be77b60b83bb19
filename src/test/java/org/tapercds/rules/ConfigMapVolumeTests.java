package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules and profiles mounted from Kubernetes ConfigMaps (deploy/k8s) load exactly like the
 * checkout: same rules, same version on every replica, whatever the volume's timestamped folder.
 */
class ConfigMapVolumeTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final RuleBaseLoader loader = new RuleBaseLoader(CLOCK, FhirContext.forR4Cached());

    @TempDir
    Path volumes;

    @Test
    void loadsTheSameRuleBaseVersionFromAConfigMapVolumeAsFromTheCheckout() throws IOException {
        RuleBase checkout = loader.load(Path.of("rules"), Path.of("fhir-profiles"));

        RuleBase mounted = loader.load(
                configMapVolume(Path.of("rules"), volumes.resolve("rules"), "..2026_11_24_10_00_00.000000001"),
                configMapVolume(
                        Path.of("fhir-profiles"), volumes.resolve("profiles"), "..2026_11_24_10_00_00.000000002"));

        assertThat(mounted.version()).isEqualTo(checkout.version());
        assertThat(mounted.catalogue().keySet()).isEqualTo(checkout.catalogue().keySet());
    }

    @Test
    void ignoresHiddenFilesSuchAsEditorLeftovers() throws IOException {
        Path copy = volumes.resolve("copy");
        copyTree(Path.of("rules"), copy);
        Files.writeString(copy.resolve("taper-rate/.taper-rate.drl.swp"), "not a rule");

        RuleBase withLeftover = loader.load(copy, Path.of("fhir-profiles"));

        assertThat(withLeftover.version())
                .isEqualTo(
                        loader.load(Path.of("rules"), Path.of("fhir-profiles")).version());
    }

    /**
     * The layout the kubelet writes: the files in a hidden timestamped folder, {@code ..data}
     * linking to it, and one link per top-level entry through {@code ..data}.
     */
    private static Path configMapVolume(Path source, Path volume, String timestamped) throws IOException {
        copyTree(source, volume.resolve(timestamped));
        Files.createSymbolicLink(volume.resolve("..data"), Path.of(timestamped));
        try (Stream<Path> top = Files.list(source)) {
            for (Path entry : top.toList()) {
                String name = entry.getFileName().toString();
                Files.createSymbolicLink(volume.resolve(name), Path.of("..data", name));
            }
        }
        return volume;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(source)) {
            paths = walk.sorted().toList();
        }
        for (Path path : paths) {
            Path copy = target.resolve(source.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(copy);
            } else {
                Files.copy(path, copy);
            }
        }
    }
}
