package org.tapercds.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file watch behind the hot reload, on real directories: one reload per burst of changes, once
 * the files have stayed unchanged for the debounce; a Kubernetes ConfigMap update (new files in a
 * hidden timestamped folder, the {@code ..data} link renamed onto it) is one reload that sees the new
 * files; hidden files such as editors' swap files are no reason to reload. The reload it asks for
 * here records when it ran and what {@code settings.properties} held then.
 */
class RuleFileWatcherTests {

    private static final Duration DEBOUNCE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private Path rules;
    private Path profiles;
    private final List<Long> reloadedAt = new CopyOnWriteArrayList<>();
    private final List<String> settingsSeen = new CopyOnWriteArrayList<>();
    private RuleFileWatcher watcher;

    @BeforeEach
    void folders() throws IOException {
        rules = Files.createDirectories(dir.resolve("rules"));
        profiles =
                Files.createDirectories(dir.resolve("fhir-profiles/valuesets")).getParent();
        Files.createDirectories(rules.resolve("taper-rate/scenarios"));
        Files.writeString(rules.resolve("settings.properties"), "version=1\n");
        Files.writeString(rules.resolve("taper-rate/taper-rate.drl"), "rule 1\n");
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.stop();
        }
    }

    private void watch(Path... roots) {
        watcher = new RuleFileWatcher(List.of(roots), DEBOUNCE, () -> {
            reloadedAt.add(System.nanoTime());
            try {
                settingsSeen.add(Files.readString(roots[0].resolve("settings.properties"))
                        .strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        watcher.start();
        assertThat(watcher.isRunning()).isTrue();
    }

    /** Waits three debounces: long enough for a reload that was going to happen. */
    private static void settle() throws InterruptedException {
        Thread.sleep(DEBOUNCE.toMillis() * 3);
    }

    @Test
    void reloadsOnceAfterABurstOfChangesHasStayedQuietForTheDebounce() throws Exception {
        watch(rules, profiles);

        for (int i = 2; i <= 5; i++) {
            Files.writeString(rules.resolve("taper-rate/taper-rate.drl"), "rule " + i + "\n");
            Thread.sleep(DEBOUNCE.toMillis() / 4);
        }
        Files.writeString(rules.resolve("settings.properties"), "version=2\n");
        long lastWrite = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).until(() -> !reloadedAt.isEmpty());
        settle();
        assertThat(reloadedAt).hasSize(1);
        assertThat(reloadedAt.get(0) - lastWrite).isGreaterThanOrEqualTo(DEBOUNCE.toNanos());
        assertThat(settingsSeen).containsExactly("version=2");
    }

    @Test
    void reloadsForAChangeInTheProfilesDirectoryAndInAFolderMadeAfterTheStart() throws Exception {
        watch(rules, profiles);

        Files.writeString(profiles.resolve("valuesets/ValueSet-x.json"), "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> reloadedAt.size() == 1);
        Path added = Files.createDirectories(rules.resolve("new-rule"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reloadedAt.size() == 2);
        Files.writeString(added.resolve("new-rule.drl"), "rule\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> reloadedAt.size() == 3);
        settle();
        assertThat(reloadedAt).hasSize(3);
    }

    @Test
    void ignoresHiddenFilesSuchAsAnEditorsSwapFile() throws Exception {
        watch(rules, profiles);

        Files.writeString(rules.resolve("taper-rate/.taper-rate.drl.swp"), "editing");
        Files.writeString(rules.resolve(".hidden"), "x");
        settle();
        assertThat(reloadedAt).isEmpty();

        Files.writeString(rules.resolve("taper-rate/taper-rate.drl"), "rule 2\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> reloadedAt.size() == 1);
    }

    @Test
    void reloadsOnceForAConfigMapUpdateAndSeesItsFilesAgainAfterTheOldFolderIsGone() throws Exception {
        Path volume = Files.createDirectories(dir.resolve("volume"));
        configMapUpdate(volume, "..2026_11_24_10_00_00.000000001", ruleFiles("version=1"));
        watch(volume, profiles);

        // The swap alone (the kubelet deletes the previous folder right after; here, not yet).
        Path previous = configMapUpdate(volume, "..2026_11_24_10_05_00.000000002", ruleFiles("version=2"));

        await().atMost(Duration.ofSeconds(10)).until(() -> settingsSeen.contains("version=2"));
        settle();
        assertThat(settingsSeen).containsExactly("version=2");

        // The folder the links pointed into is deleted; the watch goes on with the new one.
        deleteTree(previous);
        settle();
        deleteTree(configMapUpdate(volume, "..2026_11_24_10_10_00.000000003", ruleFiles("version=3")));

        await().atMost(Duration.ofSeconds(10)).until(() -> settingsSeen.contains("version=3"));
    }

    /**
     * What the kubelet's atomic writer does to a ConfigMap (or projected) volume: the files in a new
     * hidden timestamped folder, a {@code ..data_tmp} link to it renamed onto {@code ..data} (one
     * atomic step) and a link per top-level entry through {@code ..data}; then the kubelet deletes
     * the previous folder, which is returned (null for the first).
     *
     * @param files path below the volume → content
     */
    private static Path configMapUpdate(Path volume, String timestamped, Map<String, String> files) throws IOException {
        Path folder = Files.createDirectories(volume.resolve(timestamped));
        Set<String> top = new TreeSet<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path written = folder.resolve(file.getKey());
            Files.createDirectories(written.getParent());
            Files.writeString(written, file.getValue() + "\n");
            top.add(Path.of(file.getKey()).getName(0).toString());
        }
        Path data = volume.resolve(RuleFileWatcher.CONFIG_MAP_DATA);
        Path previous = Files.isSymbolicLink(data) ? volume.resolve(Files.readSymbolicLink(data)) : null;
        Path tmp = volume.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, Path.of(timestamped));
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE);
        for (String entry : top) {
            Path link = volume.resolve(entry);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of(RuleFileWatcher.CONFIG_MAP_DATA, entry));
            }
        }
        return previous;
    }

    /** A rules volume's files: the settings and one rule folder. */
    private static Map<String, String> ruleFiles(String settings) {
        return Map.of("settings.properties", settings, "taper-rate/taper-rate.drl", "rule for " + settings);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void reloadsWhenAVolumeMountedAboveBothDirectoriesSwapsItsDataLink() throws Exception {
        Path volume = Files.createDirectories(dir.resolve("taper-cds"));
        configMapUpdate(volume, "..2026_11_24_10_00_00.000000001", bothDirectories("version=1"));
        watch(volume.resolve("rules"), volume.resolve("fhir-profiles"));

        // The swap alone, the previous folder still there: only ..data, beside the links, changed.
        configMapUpdate(volume, "..2026_11_24_10_05_00.000000002", bothDirectories("version=2"));

        await().atMost(Duration.ofSeconds(10)).until(() -> settingsSeen.contains("version=2"));
        settle();
        assertThat(settingsSeen).containsExactly("version=2");
    }

    /** One volume holding rules/ and fhir-profiles/ (deploy/k8s: a projected volume of several ConfigMaps). */
    private static Map<String, String> bothDirectories(String settings) {
        return Map.of(
                "rules/settings.properties",
                settings,
                "rules/taper-rate/scenarios/fires-x.json",
                "{}",
                "fhir-profiles/valuesets/ValueSet-x.json",
                "{\"v\": \"" + settings + "\"}");
    }

    @Test
    void ignoresOtherEntriesBesideADirectoryThatIsALink() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/rules"));
        Files.writeString(elsewhere.resolve("settings.properties"), "version=1\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createSymbolicLink(project.resolve("rules"), elsewhere);
        watch(project.resolve("rules"), profiles);

        Files.writeString(project.resolve("README.md"), "not a rule file");
        settle();
        assertThat(reloadedAt).isEmpty();

        Files.writeString(elsewhere.resolve("settings.properties"), "version=2\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> settingsSeen.contains("version=2"));
    }

    @Test
    void reloadsOnlyTheLinkTheKubeletRenamesAmongHiddenNames() {
        assertThat(RuleFileWatcher.relevant("..data")).isTrue();
        assertThat(RuleFileWatcher.relevant("settings.properties")).isTrue();
        assertThat(RuleFileWatcher.relevant("..data_tmp")).isFalse();
        assertThat(RuleFileWatcher.relevant("..2026_11_24_10_05_00.000000002")).isFalse();
        assertThat(RuleFileWatcher.relevant(".taper-rate.drl.swp")).isFalse();
        assertThat(RuleFileWatcher.linkRelevant("..data", Set.of("rules"))).isTrue();
        assertThat(RuleFileWatcher.linkRelevant("rules", Set.of("rules"))).isTrue();
        assertThat(RuleFileWatcher.linkRelevant("README.md", Set.of("rules"))).isFalse();
    }
}
