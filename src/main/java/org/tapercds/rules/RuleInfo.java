package org.tapercds.rules;

/**
 * A rule's metadata as written in its DRL ({@code @id}, {@code @version}, {@code @category} (null for a
 * rule that only concludes facts for other rules),
 * {@code @citation}, optional {@code @link}); it flows into cards, alerts, audit and metrics.
 *
 * @param name the rule's name (a sentence)
 * @param file the DRL file under {@code rules/}, relative
 * @param citation the source, with the live settings in place of {@code {{setting.name}}}
 * @param header the rule's When/Then comment, as clinicians review it, with the live settings
 */
public record RuleInfo(
        String id,
        String version,
        String category,
        String citation,
        String link,
        String name,
        String file,
        String header) {

    /** The rule's folder under {@code rules/} ({@code taper-rate} for {@code taper-rate/taper-rate.drl}). */
    public String folder() {
        int slash = file.indexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }
}
