package org.tapercds.hooks.cards;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.NewWithdrawalSigns;
import org.tapercds.facts.TaperSettings;
import org.tapercds.facts.WithdrawalScore;
import org.tapercds.facts.WithdrawalSign;
import org.tapercds.facts.WithdrawalTrend;
import org.tapercds.rules.Advisory;

/** Cards about withdrawal ({@code withdrawal-severe}, {@code withdrawal-escalating}). */
final class WithdrawalCardContent implements CardContent {

    @Override
    public boolean handles(Object evidence) {
        return evidence instanceof WithdrawalSign
                || evidence instanceof WithdrawalScore
                || evidence instanceof WithdrawalTrend
                || evidence instanceof NewWithdrawalSigns;
    }

    private static boolean severe(List<Advisory> advisories) {
        return advisories.get(0).category().equals("withdrawal-severe");
    }

    @Override
    public String summary(List<Advisory> advisories, CardContext context) {
        String what = describe(advisories.get(0).evidence());
        String action = context.benzodiazepineUse().draftReducesDose()
                ? ": keep the current dose, do not reduce further"
                : severe(advisories) ? ": hold the dose, assess in person" : ": slow or pause the taper";
        return Format.summary((severe(advisories) ? "Severe withdrawal: " : "Withdrawal escalating: ") + what + action);
    }

    private static String describe(Object evidence) {
        if (evidence instanceof WithdrawalSign sign) {
            return sign.sign() + " recorded";
        }
        if (evidence instanceof WithdrawalScore score) {
            return "CIWA-B " + Format.mg(score.value()) + " (" + WithdrawalScore.bandName(score.band()) + ")";
        }
        if (evidence instanceof WithdrawalTrend trend) {
            return "CIWA-B rose from " + Format.mg(trend.lowest()) + " to " + Format.mg(trend.latest());
        }
        NewWithdrawalSigns signs = (NewWithdrawalSigns) evidence;
        return signs.count() + " new withdrawal signs since the last dose reduction";
    }

    @Override
    public String detail(List<Advisory> advisories, CardContext context) {
        TaperSettings settings = context.ruleBase().settings();
        StringBuilder md = new StringBuilder();
        if (severe(advisories)) {
            md.append("**Severe withdrawal.** Hold the current dose and arrange an in-person assessment");
        } else {
            md.append("**Withdrawal symptoms are rising during the taper.** Slow or pause the taper");
        }
        md.append(
                context.benzodiazepineUse().draftReducesDose()
                        ? "; the draft order **reduces the dose further**, which the guideline advises against now.\n\n"
                        : ".\n\n");
        for (Advisory advisory : advisories) {
            md.append("- ").append(line(advisory.evidence(), settings)).append('\n');
        }
        List<WithdrawalScore> scores = context.facts(WithdrawalScore.class);
        if (!scores.isEmpty()) {
            md.append("\n| Date | CIWA-B total | Band |\n|---|---:|---|\n");
            scores.stream().sorted(Comparator.comparing(WithdrawalScore::date)).forEach(score -> md.append("| ")
                    .append(score.date())
                    .append(" | ")
                    .append(Format.mg(score.value()))
                    .append(" | ")
                    .append(WithdrawalScore.bandName(score.band()))
                    .append(" |\n"));
        }
        if (context.benzodiazepineUse().lastReduction() != null) {
            md.append("\nLast dose reduction: ")
                    .append(context.benzodiazepineUse().lastReduction())
                    .append('.');
        }
        md.append("\nCIWA-B bands: mild up to ")
                .append(settings.ciwaMildMax())
                .append(", moderate up to ")
                .append(settings.ciwaModerateMax())
                .append(", severe up to ")
                .append(settings.ciwaSevereMax())
                .append(", very severe above.");
        return md.toString();
    }

    private static String line(Object evidence, TaperSettings settings) {
        if (evidence instanceof WithdrawalSign sign) {
            return Format.text(sign.sign()) + (sign.severe() ? " (severe sign)" : "") + ", first recorded "
                    + sign.firstRecorded();
        }
        if (evidence instanceof WithdrawalScore score) {
            return "CIWA-B total " + Format.mg(score.value()) + " on " + score.date() + " ("
                    + WithdrawalScore.bandName(score.band()) + ")";
        }
        if (evidence instanceof WithdrawalTrend trend) {
            StringBuilder text = new StringBuilder("CIWA-B: ")
                    .append(trend.count())
                    .append(" scores in the last ")
                    .append(settings.withdrawalWindowDays())
                    .append(" days; latest ")
                    .append(Format.mg(trend.latest()))
                    .append(" on ")
                    .append(trend.latestDate())
                    .append(", ")
                    .append(Format.mg(trend.rise()))
                    .append(" points above the lowest (")
                    .append(Format.mg(trend.lowest()))
                    .append(")");
            if (trend.higherBandThanAtLastReduction()) {
                text.append("; now ")
                        .append(WithdrawalScore.bandName(trend.latestBand()))
                        .append(", was ")
                        .append(WithdrawalScore.bandName(trend.bandAtLastReduction()))
                        .append(" at the last dose reduction");
            }
            return text.toString();
        }
        NewWithdrawalSigns signs = (NewWithdrawalSigns) evidence;
        return "New since the last dose reduction (" + signs.lastReduction() + "): "
                + Format.text(String.join(", ", signs.signs()));
    }

    @Override
    public List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context) {
        if (!context.benzodiazepineUse().draftReducesDose()) {
            return List.of();
        }
        Optional<DoseReduction> first = context.timeline().reductions().stream()
                .filter(DoseReduction::inScope)
                .min(Comparator.comparing(DoseReduction::day));
        return first.flatMap(r -> DoseSuggestion.keeping(1.0, r, context))
                .map(dose -> List.of(dose.suggestion(
                        context,
                        "Keep " + dose.regimen().ingredient().name() + " at "
                                + Format.mg(dose.dose().mgPerDay()) + " mg/day (pause the taper)",
                        "withdrawal: hold the current dose")))
                .orElse(List.of());
    }
}
