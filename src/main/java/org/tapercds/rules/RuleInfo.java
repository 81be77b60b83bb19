package org.tapercds.rules;

/**
 * A rule's metadata as written in its DRL ({@code @id}, {@code @version}, {@code @category},
 * {@code @citation}, optional {@code @link}); it flows into cards, alerts, audit and metrics.
 *
 * @param name the rule's name (a sentence)
 * @param file the DRL file under {@code rules/}, relative
 * @param header the rule's When/Then comment, as clinicians review it
 */
public record RuleInfo(
        String id,
        String version,
        String category,
        String citation,
        String link,
        String name,
        String file,
        String header) {}
