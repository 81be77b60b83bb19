package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes recipe of deploy/k8s hangs together without a cluster (no kubectl here): every
 * manifest is applied, every selector picks the Deployment's pods, every port a Service or the
 * NetworkPolicy names is one the container and the prod profile open, the shutdown fits in the
 * grace period, and the JVM runs with the settings bench/load.sh measured.
 */
class DeployManifestsTests {

    private static final Path K8S = Path.of("deploy/k8s");

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

        assertThat(command).startsWith("java").contains("-jar");
        List<String> jvmOptions = command.subList(1, command.indexOf("-jar"));
        assertThat(jvmOptions).containsExactlyElementsOf(withExit(measured));
        // The guide's shell command, its continued lines joined.
        String guide = Files.readString(Path.of("docs/deployment.md")).replaceAll("\\\\\n\\s*", "");
        assertThat(guide)
                .as("docs/deployment.md's java command")
                .contains("java " + String.join(" ", withExit(measured)));
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
