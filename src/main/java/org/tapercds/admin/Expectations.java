package org.tapercds.admin;

import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.tapercds.admin.Comparison.ShownCard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scenario's {@code expect} block brought in line with the cards a candidate shows, changing only
 * what fails (see {@code rules/SCENARIOS.md}): each card's indicator; cards added (category and
 * indicator) or removed; a {@code suggestion}, {@code plan} or {@code action} text the expectation
 * has and the new card no longer contains, replaced by the corresponding text of the new label
 * ("15 mg/day" becomes "16 mg/day" when only numbers changed; otherwise the expected text widened to
 * the part of the label that changed, or the whole new label); a category that
 * now appears taken out of {@code absent}. Everything else (key order, {@code rules}, {@code
 * oneProposal}, other keys) stays as written.
 */
final class Expectations {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Expectations() {}

    /**
     * The updated copy of {@code expect}.
     *
     * @param before the cards the baseline showed (to find which part of a label an expectation meant)
     * @param after the cards the candidate shows, most severe first
     */
    static ObjectNode updated(ObjectNode expect, List<ShownCard> before, List<ShownCard> after) {
        ObjectNode updated = expect.deepCopy();
        JsonNode expected = expect.path("cards");
        ArrayNode cards = JsonNodeFactory.instance.arrayNode();
        for (ShownCard card : after) {
            ObjectNode entry = entry(expected, card.category())
                    .map(ObjectNode::deepCopy)
                    .orElseGet(() -> JsonNodeFactory.instance.objectNode().put("category", card.category()));
            if (!card.indicator().equals(entry.path("indicator").asString(null))) {
                entry.put("indicator", card.indicator());
            }
            ShownCard was = Comparison.find(before, card.category()).orElse(null);
            text(entry, "suggestion", card.suggestion(), was == null ? null : was.suggestion());
            text(entry, "plan", card.plan(), was == null ? null : was.plan());
            if (entry.path("action").isString()) {
                if (card.action() == null) {
                    entry.remove("action");
                } else {
                    text(entry, "action", card.action(), was == null ? null : was.action());
                }
            }
            cards.add(entry);
        }
        updated.set("cards", cards);
        if (expect.path("absent").isArray()) {
            ArrayNode absent = JsonNodeFactory.instance.arrayNode();
            expect.get("absent").forEach(category -> {
                if (Comparison.find(after, category.asString()).isEmpty()) {
                    absent.add(category);
                }
            });
            if (absent.isEmpty()) {
                updated.remove("absent");
            } else {
                updated.set("absent", absent);
            }
        }
        return updated;
    }

    private static Optional<ObjectNode> entry(JsonNode expected, String category) {
        for (JsonNode card : expected) {
            if (card.isObject() && category.equals(card.path("category").asString(null))) {
                return Optional.of((ObjectNode) card);
            }
        }
        return Optional.empty();
    }

    /** A text expectation ({@code null}: none expected) made to hold for {@code now}. */
    private static void text(ObjectNode entry, String field, String now, String was) {
        JsonNode expected = entry.get(field);
        if (expected == null) {
            return;
        }
        if (expected.isNull()) {
            if (now != null) {
                entry.put(field, now);
            }
        } else if (now == null) {
            entry.putNull(field);
        } else if (!now.contains(expected.asString())) {
            entry.put(field, corresponding(expected.asString(), was, now));
        }
    }

    /**
     * The part of {@code now} that corresponds to {@code expected} in {@code was}: the expected text
     * widened to the changed part of the label (the text between the labels' common beginning and
     * end), taken from the new label. The whole new label when {@code was} does not contain it.
     */
    static String corresponding(String expected, String was, String now) {
        int at = was == null ? -1 : was.indexOf(expected);
        if (at < 0) {
            return now;
        }
        if (skeleton(was).equals(skeleton(now))) {
            return byNumbers(at, at + expected.length(), was, now);
        }
        int prefix = 0;
        while (prefix < Math.min(was.length(), now.length()) && was.charAt(prefix) == now.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < Math.min(was.length(), now.length()) - prefix
                && was.charAt(was.length() - 1 - suffix) == now.charAt(now.length() - 1 - suffix)) {
            suffix++;
        }
        int from = Math.min(at, prefix);
        int to = Math.max(at + expected.length(), was.length() - suffix) + now.length() - was.length();
        return from < to && to <= now.length() ? now.substring(from, to) : now;
    }

    /** The label with each number replaced by a mark: two labels that differ only in numbers have the same. */
    private static String skeleton(String label) {
        return NUMBER.matcher(label).replaceAll("#");
    }

    /**
     * For labels that differ only in numbers: the part of {@code now} at the same place as {@code
     * was[from, to)}, a number cut by either end taken whole ("2.25" becomes "2.5" in "to 2.5 mg/day").
     */
    private static String byNumbers(int from, int to, String was, String now) {
        List<MatchResult> before = NUMBER.matcher(was).results().toList();
        List<MatchResult> after = NUMBER.matcher(now).results().toList();
        return now.substring(position(from, true, before, after), position(to, false, before, after));
    }

    private static int position(int at, boolean start, List<MatchResult> before, List<MatchResult> after) {
        int shift = 0;
        for (int i = 0; i < before.size(); i++) {
            MatchResult number = before.get(i);
            if (number.start() < at && at < number.end()) {
                return start ? after.get(i).start() : after.get(i).end();
            }
            if (number.end() <= at) {
                shift += after.get(i).end() - after.get(i).start() - (number.end() - number.start());
            }
        }
        return at + shift;
    }
}
