package org.tapercds.rules;

import com.samskivert.mustache.MustacheException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The catalogue of a compiled rule base: each rule's metadata ({@code @id}, {@code @version},
 * {@code @category}, {@code @citation}, optional {@code @link}) and its When/Then header. The
 * header and citation are templates over the settings ({@code {{taper.max-reduction-percent}}}),
 * rendered here once, so the card, the {@code /rules} page and the citation show the live value.
 */
final class RuleCatalogue {

    /** {@code @category} is not required: a rule without one concludes facts and raises no card. */
    private static final List<String> REQUIRED_METADATA = List.of("id", "version", "citation");

    private static final Pattern ID = Pattern.compile("@id\\b");

    private RuleCatalogue() {}

    /** Rule infos by {@code package.rule name} (what {@link AdvisorySink} looks up). */
    static Map<String, RuleInfo> of(DrlCompiler.Compiled compiled, Path root, Map<String, Object> settings) {
        Map<String, RuleInfo> catalogue = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (KiePackage kiePackage : compiled.kieBase().getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                Map<String, Object> meta = rule.getMetaData();
                String file = compiled.fileOf(root, rule.getPackageName());
                String where = compiled.placeOf(root, rule.getPackageName(), rule.getName());
                for (String key : REQUIRED_METADATA) {
                    if (metadata(meta, key) == null) {
                        problems.add(where + ": rule \"" + rule.getName() + "\" has no @" + key);
                    }
                }
                String header = compiled.headers().get(rule.getName());
                if (header == null || !header.contains("When:") || !header.contains("Then:")) {
                    problems.add(where + ": rule \"" + rule.getName()
                            + "\" needs a /* ... When: ... Then: ... */ header directly before it");
                }
                String id = metadata(meta, "id");
                String previous = id == null ? null : ids.putIfAbsent(id, where);
                if (previous != null) {
                    problems.add(compiled.placeOf(root, rule.getPackageName(), rule.getName(), ID) + ": rule \""
                            + rule.getName() + "\" repeats @id " + id + " of the rule at " + previous
                            + "; every rule needs an @id of its own");
                }
                catalogue.put(
                        rule.getPackageName() + "." + rule.getName(),
                        new RuleInfo(
                                id,
                                metadata(meta, "version"),
                                metadata(meta, "category"),
                                rendered(metadata(meta, "citation"), settings, where, rule, "@citation", problems),
                                metadata(meta, "link"),
                                rule.getName(),
                                file,
                                rendered(header, settings, where, rule, "header", problems)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleBaseException("rule metadata is incomplete:\n" + String.join("\n", problems));
        }
        return catalogue;
    }

    /** A header or citation with the live settings in place of {@code {{setting.name}}}. */
    private static String rendered(
            String text, Map<String, Object> settings, String file, Rule rule, String what, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return Templates.withSettings(text, settings);
        } catch (MustacheException e) {
            problems.add(file + ": rule \"" + rule.getName() + "\": the " + what
                    + " names something that is not a setting of " + SettingsFile.FILE_NAME + " (" + e.getMessage()
                    + ")");
            return text;
        }
    }

    /** Metadata as written: {@code @id("x")} arrives as {@code "x"} with its quotes. */
    private static String metadata(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.isBlank() ? null : text;
    }
}
