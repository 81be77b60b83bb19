package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes recipe of deploy/k8s hangs together without a cluster (no kubectl here): every
 * manifest is applied, every selector picks the Deployment's pods, every port a Service or the
 * NetworkPolicy names is one the container and the prod profile open, the shutdown fits in the
 * grace period, the JVM runs with the settings bench/load.sh measured and the class-data archive the
 * image recipe makes with them (its build context holding what its build reads), and files-configmaps.sh puts
 * every rule file, scenarios included, in ConfigMaps that fit, projected into the one volume the
 * service reads.
 */
class DeployManifestsTests {

    private static final Path K8S = Path.of("deploy/k8s");
    private static final Path DOCKERFILE = Path.of("deploy/image/Dockerfile");

    @Test
    void theKustomizationAppliesEveryManifestAndOnlyExistingOnes() throws IOException {
        List<String> resources = strings(yaml(K8S.resolve("kustomization.yaml")).get("resources"));
        List<String> manifests;
        try (Stream<Path> files = Files.list(K8S)) {
            manifests = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    // The Secret's shape only: the operator creates the Secret (docs/deployment.md).
                    .filter(name -> !name.endsWith(".example.yaml"))
                    .sorted()
                    .toList();
        }
        List<String> own = resources.stream()
                .filter(r -> !r.startsWith("generated/"))
                .sorted()
                .toList();

        assertThat(own).isEqualTo(manifests);
        assertThat(resources).contains("generated/configmaps.yaml");
    }

    @Test
    void everySelectorPicksTheDeploymentsPods() throws IOException {
        Map<String, Object> deployment = manifest("Deployment");
        Map<String, Object> podLabels = map(path(deployment, "spec", "template", "metadata", "labels"));

        assertThat(podLabels)
                .containsAllEntriesOf(map(path(deployment, "spec", "selector", "matchLabels")))
                .containsAllEntriesOf(map(path(manifest("Service"), "spec", "selector")))
                .containsAllEntriesOf(map(path(manifest("PodDisruptionBudget"), "spec", "selector", "matchLabels")))
                .containsAllEntriesOf(map(path(manifest("NetworkPolicy"), "spec", "podSelector", "matchLabels")));
    }

    @Test
    void theServiceAndTheNetworkPolicyNameTheContainersPortsWhichAreTheProdProfilesPorts() throws IOException {
        Map<String, Integer> containerPorts = new HashMap<>();
        for (Object port : list(path(container(), "ports"))) {
            containerPorts.put(
                    (String) map(port).get("name"), (Integer) map(port).get("containerPort"));
        }
        Properties prod = properties("application-prod.properties");

        assertThat(containerPorts)
                .containsEntry("http", Integer.valueOf(prod.getProperty("server.port")))
                .containsEntry("management", Integer.valueOf(prod.getProperty("management.server.port")));
        List<Object> servicePorts = list(path(manifest("Service"), "spec", "ports"));
        assertThat(servicePorts)
                .singleElement()
                .satisfies(port -> assertThat(map(port).get("targetPort")).isEqualTo("http"));
        // The NetworkPolicy: one rule per port, each admitting one namespace, never everyone.
        Map<String, Object> policy = manifest("NetworkPolicy");
        assertThat(strings(path(policy, "spec", "policyTypes"))).contains("Ingress");
        Map<Object, Object> namespaceByPort = new HashMap<>();
        for (Object rule : list(path(policy, "spec", "ingress"))) {
            List<Object> ports = list(map(rule).get("ports"));
            List<Object> from = list(map(rule).get("from"));
            assertThat(ports).as("ports of an ingress rule").hasSize(1);
            assertThat(from).as("sources of an ingress rule").hasSize(1);
            namespaceByPort.put(
                    map(ports.get(0)).get("port"),
                    path(map(from.get(0)), "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
        }
        assertThat(namespaceByPort).containsOnlyKeys("http", "management").containsEntry("management", "monitoring");
        assertThat(namespaceByPort.get("http")).isNotEqualTo("monitoring");
        // The probes go through the EHR's connector.
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(path(container(), probe, "httpGet", "port")).as(probe).isEqualTo("http");
        }
    }

    @Test
    void thePodsGracePeriodCoversThePreStopPauseAndSpringsShutdownPhase() throws IOException {
        Map<String, Object> pod = map(path(manifest("Deployment"), "spec", "template", "spec"));
        int preStop = (Integer) path(container(), "lifecycle", "preStop", "sleep", "seconds");
        Properties prod = properties("application.properties");
        prod.putAll(properties("application-prod.properties"));
        String phase = prod.getProperty("spring.lifecycle.timeout-per-shutdown-phase");
        assertThat(phase).matches("\\d+s");
        int shutdown = Integer.parseInt(phase.substring(0, phase.length() - 1));

        assertThat(prod.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(preStop + shutdown);
    }

    @Test
    void theJvmRunsWithTheSettingsTheBenchmarksMeasured() throws IOException {
        Matcher benchDefault = Pattern.compile("JAVA_OPTS=\"\\$\\{JAVA_OPTS:-([^}]*)}\"")
                .matcher(Files.readString(Path.of("bench/lib.sh")));
        assertThat(benchDefault.find())
                .as("bench/lib.sh sets a default JAVA_OPTS")
                .isTrue();
        List<String> measured = Arrays.asList(benchDefault.group(1).split(" "));
        List<String> command = strings(path(container(), "command"));

        assertThat(command).startsWith("java").containsSubsequence("-jar", "/app/taper-cds.jar");
        List<String> jvmOptions = command.subList(1, command.indexOf("-jar"));
        assertThat(jvmOptions).containsExactlyElementsOf(withArchive(withExit(measured)));
        // The image recipe makes the archive with the same options (it maps only for those).
        assertThat(imageJavaOptions()).containsExactlyElementsOf(withExit(measured));
        assertThat(Files.readString(DOCKERFILE))
                .as("the recipe makes the archive in /app, where the command maps it from")
                .contains("cds-archive.sh /app ")
                .contains("-XX:SharedArchiveFile=/app/taper-cds.jsa");
        // The guide's shell command, its continued lines joined.
        String guide = Files.readString(Path.of("docs/deployment.md")).replaceAll("\\\\\n\\s*", "");
        assertThat(guide)
                .as("docs/deployment.md's java command")
                .contains("java " + String.join(" ", withExit(measured)));
    }

    @Test
    void theImageRecipesBuildContextHoldsWhatItsBuildReads() throws IOException {
        List<String> admitted = Files.readAllLines(Path.of("deploy/image/Dockerfile.dockerignore")).stream()
                .filter(line -> line.startsWith("!"))
                .map(line -> line.substring(1).replaceAll("/$", ""))
                .toList();
        // The build reads the context through a bind mount at /build.
        Matcher read = Pattern.compile("/build/(\\S+)").matcher(Files.readString(DOCKERFILE));
        List<String> reads = new ArrayList<>();
        while (read.find()) {
            reads.add(read.group(1));
        }

        assertThat(reads).isNotEmpty();
        assertThat(admitted).containsExactlyInAnyOrderElementsOf(reads);
        // The jar is the build's output; the rest comes from the checkout.
        reads.stream().filter(source -> !source.startsWith("target/")).forEach(source -> assertThat(Path.of(source))
                .exists());
    }

    /**
     * The JVM options of the image recipe ({@code ARG JAVA_OPTS} of deploy/image/Dockerfile), which
     * its class-data archive is made and mapped with.
     */
    static List<String> imageJavaOptions() throws IOException {
        Matcher options = Pattern.compile("(?m)^ARG JAVA_OPTS=\"([^\"]*)\"$").matcher(Files.readString(DOCKERFILE));
        assertThat(options.find()).as("deploy/image/Dockerfile sets JAVA_OPTS").isTrue();
        return Arrays.asList(options.group(1).split(" "));
    }

    /**
     * The class-data archive the image recipe makes (deploy/image/cds-archive.sh), at the path both
     * it and the container's command name.
     */
    private static List<String> withArchive(List<String> options) {
        List<String> withArchive = new ArrayList<>(options);
        withArchive.add("-XX:SharedArchiveFile=/app/taper-cds.jsa");
        return withArchive;
    }

    /** Production adds one option to what was measured: a JVM out of memory exits to be replaced. */
    private static List<String> withExit(List<String> measured) {
        List<String> options = new ArrayList<>(measured);
        options.add("-XX:+ExitOnOutOfMemoryError");
        return options;
    }

    private static Map<String, Object> container() throws IOException {
        List<Object> containers = list(path(manifest("Deployment"), "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    @Test
    void theGeneratedConfigMapsHoldEveryRuleFileOnceInOneVolumeTheServiceReadsAndEachFitsAConfigMap(@TempDir Path out)
            throws Exception {
        ProcessBuilder run = new ProcessBuilder(
                        "bash", K8S.resolve("files-configmaps.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("log.txt").toFile());
        // The generated files go to the test's directory, not the checkout's deploy/k8s/generated.
        run.environment().put("OUT", out.toString());
        Process script = run.start();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue())
                .as(Files.readString(out.resolve("log.txt")))
                .isZero();

        Map<String, Map<String, Object>> configMaps = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(out.resolve("configmaps.yaml"))) {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(16 * 1024 * 1024);
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
                Map<String, Object> configMap = map(document);
                assertThat(configMap.get("kind")).isEqualTo("ConfigMap");
                // Reload mode: updated in place under a fixed name, so the kubelet swaps the files.
                assertThat(configMap).doesNotContainKey("immutable");
                configMaps.put((String) path(configMap, "metadata", "name"), map(configMap.get("binaryData")));
            }
        }
        for (Map.Entry<String, Map<String, Object>> configMap : configMaps.entrySet()) {
            long bytes = 0;
            long encoded = 0;
            for (Map.Entry<String, Object> data : configMap.getValue().entrySet()) {
                bytes += Base64.getDecoder().decode((String) data.getValue()).length;
                encoded += data.getKey().length() + ((String) data.getValue()).length();
            }
            assertThat(bytes).as(configMap.getKey() + " holds at most 1 MiB").isLessThanOrEqualTo(1024 * 1024);
            assertThat(encoded).as(configMap.getKey() + " as sent, base64").isLessThan(1024 * 1024);
        }

        Map<String, Object> patch = yaml(out.resolve("volumes-patch.yaml"));
        Map<String, Object> volume =
                map(list(path(patch, "spec", "template", "spec", "volumes")).get(0));
        List<String> paths = new ArrayList<>();
        for (Object source : list(path(volume, "projected", "sources"))) {
            Map<String, Object> configMap = map(map(source).get("configMap"));
            Map<String, Object> data = configMaps.get((String) configMap.get("name"));
            assertThat(data).as("ConfigMap " + configMap.get("name")).isNotNull();
            for (Object item : list(configMap.get("items"))) {
                String key = (String) map(item).get("key");
                String at = (String) map(item).get("path");
                assertThat(data).containsKey(key);
                assertThat(Base64.getDecoder().decode((String) data.get(key)))
                        .as(at)
                        .isEqualTo(Files.readAllBytes(Path.of(at)));
                paths.add(at);
            }
        }
        List<String> shipped = new ArrayList<>();
        for (String dir : List.of("rules", "fhir-profiles")) {
            for (Path file : MountedFiles.list(Path.of(dir))) {
                shipped.add(dir + "/" + Path.of(dir).relativize(file).toString().replace('\\', '/'));
            }
        }
        assertThat(paths).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(shipped);
        assertThat(paths).anyMatch(p -> p.contains("/scenarios/"));

        // The Deployment mounts that volume (by name, whole: no subPath) above the two directories.
        Map<String, Object> mount = list(path(container(), "volumeMounts")).stream()
                .map(DeployManifestsTests::map)
                .filter(m -> volume.get("name").equals(m.get("name")))
                .findFirst()
                .orElseThrow();
        assertThat(mount).doesNotContainKey("subPath");
        Map<String, String> env = new HashMap<>();
        for (Object variable : list(path(container(), "env"))) {
            env.put(
                    (String) map(variable).get("name"),
                    String.valueOf(map(variable).get("value")));
        }
        assertThat(env.get("TAPER_RULES_DIR")).isEqualTo(mount.get("mountPath") + "/rules");
        assertThat(env.get("TAPER_PROFILES_DIR")).isEqualTo(mount.get("mountPath") + "/fhir-profiles");
        assertThat(list(path(manifest("Deployment"), "spec", "template", "spec", "volumes")).stream()
                        .map(v -> map(v).get("name")))
                .contains(volume.get("name"));
    }

    /** The one manifest of this kind among deploy/k8s/*.yaml. */
    private static Map<String, Object> manifest(String kind) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Map<String, Object> document = yaml(file);
                if (kind.equals(document.get("kind"))) {
                    found.add(document);
                }
            }
        }
        assertThat(found).as("manifests of kind " + kind).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        }
    }

    private static Properties properties(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DeployManifestsTests.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(in);
        }
        return properties;
    }

    private static Object path(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            assertThat(current).as("parent of " + key).isInstanceOf(Map.class);
            current = map(current).get(key);
        }
        assertThat(current).as(String.join(".", keys)).isNotNull();
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }

    private static List<String> strings(Object node) {
        return list(node).stream().map(String::valueOf).toList();
    }
}
