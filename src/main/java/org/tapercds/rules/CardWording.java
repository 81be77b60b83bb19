package org.tapercds.rules;

import com.samskivert.mustache.Template;
import java.io.StringWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The card wording of a rule base: for each advisory category, the templates of its card as written
 * in the {@code card.yaml} of the rule folder that raises it (summary, detail, suggestion label and
 * action, and any other part a card uses), and the override reasons it offers.
 */
public final class CardWording {

    public static final String FILE_NAME = "card.yaml";

    /**
     * One template of a card.
     *
     * @param file the {@code card.yaml} it comes from, relative to the rules directory
     * @param line the line in that file where the template starts
     * @param source the template as written
     */
    public record Part(String category, String name, String file, int line, String source, Template template) {

        /** The text for a card: {@code model} first, then the settings ({@code {{taper.window-days}}}). */
        public String render(Object model, Map<String, Object> settings) {
            StringWriter out = new StringWriter(source.length() + 64);
            template.execute(model, settings, out);
            return out.toString();
        }

        /** Where this template is, for messages: {@code alcohol/card.yaml:4 (alcohol-co-use.summary)}. */
        public String where() {
            return file + ":" + line + " (" + category + "." + name + ")";
        }
    }

    /**
     * @param kind the kind of card its templates are written for ({@code card: reduction}, …)
     * @param overrideReasons the override reason codes the card offers, in order; empty for the whole
     *     ValueSet of override reasons
     */
    public record Category(
            String category, String file, String kind, Map<String, Part> parts, List<String> overrideReasons) {

        public Optional<Part> part(String name) {
            return Optional.ofNullable(parts.get(name));
        }
    }

    private final Map<String, Category> categories;

    CardWording(Map<String, Category> categories) {
        this.categories = Map.copyOf(categories);
    }

    /** The wording of a category; every category a rule raises has one (checked at load). */
    public Category of(String category) {
        Category wording = categories.get(category);
        if (wording == null) {
            throw new IllegalStateException("no card wording for " + category);
        }
        return wording;
    }

    public Collection<Category> categories() {
        return categories.values();
    }
}
