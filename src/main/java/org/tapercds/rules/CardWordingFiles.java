package org.tapercds.rules;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code card.yaml} of every rule folder: a map from advisory category to the templates
 * of its card. Every category a rule raises must have its wording in the {@code card.yaml} of the
 * rule's folder, with at least {@code summary} and {@code detail}; a file that is missing, is not
 * valid YAML, or holds a template that does not compile is refused with the file and line.
 */
final class CardWordingFiles {

    static final List<String> REQUIRED_PARTS = List.of("summary", "detail");
    private static final String OVERRIDE_REASONS = "overrideReasons";
    private static final String KIND = "card";
    private static final Pattern TEMPLATE_LINE = Pattern.compile("@ line (\\d+)");

    private CardWordingFiles() {}

    static CardWording load(Path root, Collection<RuleInfo> rules) {
        Map<String, CardWording.Category> categories = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : RuleFiles.list(root, p -> p.getFileName().toString().equals(CardWording.FILE_NAME))) {
            String name = RuleFiles.relative(root, file);
            for (CardWording.Category category : read(file, name, problems)) {
                CardWording.Category previous = categories.putIfAbsent(category.category(), category);
                if (previous != null) {
                    problems.add(name + ": category " + category.category() + " has its wording in " + previous.file()
                            + " already");
                }
            }
        }
        Map<String, RuleInfo> raisedBy = new LinkedHashMap<>();
        rules.stream()
                .filter(rule -> rule.category() != null)
                .forEach(rule -> raisedBy.putIfAbsent(rule.category(), rule));
        raisedBy.forEach((category, rule) -> {
            CardWording.Category wording = categories.get(category);
            String expected = rule.folder() + "/" + CardWording.FILE_NAME;
            if (wording == null) {
                problems.add(expected + ": no card wording for category " + category + " (raised by rule " + rule.id()
                        + " in " + rule.file() + "); write its summary and detail templates there");
            } else if (rules.stream().filter(r -> category.equals(r.category())).noneMatch(r -> wording.file()
                    .equals(r.folder() + "/" + CardWording.FILE_NAME))) {
                problems.add(wording.file() + ": the wording of " + category + " belongs in " + expected
                        + ", next to the rules that raise it");
            }
        });
        categories.values().stream()
                .filter(c -> !raisedBy.containsKey(c.category()))
                .forEach(c -> problems.add(
                        c.file() + ": no rule raises category " + c.category() + " (misspelled, or left over?)"));
        if (!problems.isEmpty()) {
            throw new RuleBaseException("the card wording is incomplete:\n" + String.join("\n", problems));
        }
        return new CardWording(categories);
    }

    private static List<CardWording.Category> read(Path file, String name, List<String> problems) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(name + ":" + line + ": not valid YAML (" + e.getProblem() + ")");
            return List.of();
        } catch (IOException | YAMLException e) {
            problems.add(name + ": not valid YAML (" + firstLine(e.getMessage()) + ")");
            return List.of();
        }
        if (!(root instanceof MappingNode categories)) {
            problems.add(name + ":1: expected a map from advisory category to its card's templates");
            return List.of();
        }
        List<CardWording.Category> read = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple entry : categories.getValue()) {
            String category = scalar(entry.getKeyNode());
            if (category != null && !seen.add(category)) {
                problems.add(name + ":" + line(entry.getKeyNode()) + ": " + category + " is written twice");
                continue;
            }
            if (!(entry.getValueNode() instanceof MappingNode parts) || category == null) {
                problems.add(name + ":" + line(entry.getKeyNode()) + ": expected " + category + ": followed by"
                        + " its templates (summary, detail, ...)");
                continue;
            }
            read.add(category(name, category, parts, problems));
        }
        return read;
    }

    private static CardWording.Category category(
            String file, String category, MappingNode node, List<String> problems) {
        Map<String, CardWording.Part> parts = new LinkedHashMap<>();
        List<String> overrideReasons = new ArrayList<>();
        String kind = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple entry : node.getValue()) {
            String part = scalar(entry.getKeyNode());
            if (part != null && !seen.add(part)) {
                problems.add(
                        file + ":" + line(entry.getKeyNode()) + ": " + category + "." + part + " is written twice");
                continue;
            }
            Node value = entry.getValueNode();
            if (KIND.equals(part)) {
                kind = scalar(value);
                continue;
            }
            if (OVERRIDE_REASONS.equals(part)) {
                if (value instanceof SequenceNode codes
                        && codes.getValue().stream().allMatch(code -> scalar(code) != null)) {
                    codes.getValue().forEach(code -> overrideReasons.add(scalar(code)));
                } else {
                    problems.add(file + ":" + line(value) + ": " + category + ".overrideReasons must be a list of"
                            + " codes, e.g. [benefits-outweigh-risks, data-incorrect]");
                }
                continue;
            }
            String source = scalar(value);
            if (part == null || source == null) {
                problems.add(file + ":" + line(entry.getKeyNode()) + ": " + category + "." + part
                        + " must be a template (text)");
                continue;
            }
            // A block scalar (| or >) starts on the line after its key.
            DumperOptions.ScalarStyle style = ((ScalarNode) value).getScalarStyle();
            int line = line(value)
                    + (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED ? 1 : 0);
            try {
                parts.put(part, new CardWording.Part(category, part, file, line, source, Templates.card(source)));
            } catch (MustacheParseException e) {
                // JMustache names the line within the template ("... @ line 3"): made a file line.
                Matcher at = TEMPLATE_LINE.matcher(String.valueOf(e.getMessage()));
                int fileLine = at.find() ? line + Integer.parseInt(at.group(1)) - 1 : line;
                problems.add(
                        file + ":" + fileLine + ": " + category + "." + part + " does not compile: " + e.getMessage());
            } catch (MustacheException e) {
                problems.add(file + ":" + line + ": " + category + "." + part + ": " + e.getMessage());
            }
        }
        if (kind == null) {
            problems.add(file + ":" + line(node) + ": " + category
                    + " has no card: (the kind of card its templates are for: reduction, unassessable, alcohol,"
                    + " withdrawal or opioid)");
        }
        for (String required : REQUIRED_PARTS) {
            if (!parts.containsKey(required)) {
                problems.add(file + ":" + line(node) + ": " + category + " has no " + required + " template");
            }
        }
        return new CardWording.Category(category, file, kind, parts, List.copyOf(overrideReasons));
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
