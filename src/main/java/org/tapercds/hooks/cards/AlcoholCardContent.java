package org.tapercds.hooks.cards;

import java.util.List;
import org.tapercds.facts.AlcoholEvidence;
import org.tapercds.rules.Advisory;

/** Cards about alcohol use alongside a benzodiazepine ({@code alcohol-co-use}). */
final class AlcoholCardContent implements CardContent {

    @Override
    public boolean handles(Object evidence) {
        return evidence instanceof AlcoholEvidence;
    }

    @Override
    public String summary(List<Advisory> advisories, CardContext context) {
        AlcoholEvidence lead = (AlcoholEvidence) advisories.get(0).evidence();
        String opioid = context.opioidInUse() ? " and an opioid" : "";
        return Format.summary("Current alcohol use (" + lead.measure() + ") with a benzodiazepine" + opioid
                + ": risk of oversedation and respiratory depression");
    }

    @Override
    public String detail(List<Advisory> advisories, CardContext context) {
        StringBuilder md = new StringBuilder("**Evidence of current alcohol use** while a benzodiazepine is ")
                .append(context.timeline().scope().patientView() ? "taken" : "prescribed")
                .append(". Together they raise the risk of oversedation, respiratory depression and death; ")
                .append("discuss alcohol use, and taper more cautiously.\n\n")
                .append("| Date | Evidence | Result |\n|---|---|---|\n");
        for (Advisory advisory : advisories) {
            AlcoholEvidence evidence = (AlcoholEvidence) advisory.evidence();
            md.append("| ")
                    .append(evidence.date() == null ? "undated" : evidence.date())
                    .append(" | ")
                    .append(Format.text(evidence.measure()))
                    .append(" | ")
                    .append(Format.text(evidence.result()))
                    .append(" |\n");
        }
        if (context.opioidInUse()) {
            md.append(
                    "\n**An opioid is also used**: alcohol, an opioid and a benzodiazepine together (triple risk).\n");
        }
        md.append(
                "\nOnly the latest result of each measure counts; a later negative result supersedes a positive one.");
        return md.toString();
    }

    @Override
    public List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context) {
        return List.of();
    }
}
