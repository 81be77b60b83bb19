package org.tapercds.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text scrape, read sample by sample (name, labels, value). */
final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {}

    private final String text;
    private final List<Sample> samples = new ArrayList<>();

    Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
    }

    String text() {
        return text;
    }

    /** How many samples of this name carry all the given labels. */
    int count(String name, Map<String, String> labels) {
        return matching(name, labels).size();
    }

    /** The value of the one sample of this name with all the given labels; 0 when there is none. */
    double value(String name, Map<String, String> labels) {
        List<Sample> found = matching(name, labels);
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " samples of " + name + " match " + labels + ": " + found);
        }
        return found.isEmpty() ? 0 : found.get(0).value();
    }

    /** How much the sample grew since an earlier scrape. */
    double delta(Scrape before, String name, Map<String, String> labels) {
        return value(name, labels) - before.value(name, labels);
    }

    private List<Sample> matching(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }
}
