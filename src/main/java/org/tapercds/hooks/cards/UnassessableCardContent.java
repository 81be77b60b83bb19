package org.tapercds.hooks.cards;

import java.util.List;
import org.tapercds.facts.UnassessableDose;
import org.tapercds.rules.Advisory;

/** Cards about orders whose daily dose cannot be computed ({@code dose-unassessable}). */
final class UnassessableCardContent implements CardContent {

    @Override
    public boolean handles(Object evidence) {
        return evidence instanceof UnassessableDose;
    }

    @Override
    public String summary(List<Advisory> advisories, CardContext context) {
        UnassessableDose lead = (UnassessableDose) advisories.get(0).evidence();
        String others = advisories.size() > 1 ? " (and " + (advisories.size() - 1) + " more)" : "";
        return Format.summary(
                "Taper safety not checked: the daily dose of " + lead.medication() + others + " cannot be computed");
    }

    @Override
    public String detail(List<Advisory> advisories, CardContext context) {
        StringBuilder md = new StringBuilder(
                "The taper checks could not compute a daily dose for these orders, so their rate of reduction "
                        + "and discontinuation were **not** checked. Give a structured dose (amount with unit and "
                        + "frequency) to have them checked.\n\n| Order | Medication | What is missing |\n|---|---|---|\n");
        for (Advisory advisory : advisories) {
            UnassessableDose dose = (UnassessableDose) advisory.evidence();
            md.append("| ")
                    .append(dose.orderId() == null ? "(order without id)" : Format.text(dose.orderId()))
                    .append(dose.drafted() ? " (draft)" : "")
                    .append(" | ")
                    .append(Format.text(dose.medication()))
                    .append(" | ")
                    .append(Format.text(dose.reason()))
                    .append(" |\n");
        }
        return md.toString();
    }

    @Override
    public List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context) {
        return List.of();
    }
}
