package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.TaperSettings;
import org.tapercds.rules.SettingsFile;

/**
 * RULES §3: the one proposal per draft (keep the dose when withdrawal fires; else the smallest dose of
 * at least 75 % of prev the strengths make; else keep prev; named on a product that makes it) and the
 * gradual plan (10 % every 14 days for 84 days, rounded up, equal steps merged, the last open).
 */
class TaperProposalTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final TaperSettings SETTINGS = SettingsFile.read(Path.of("rules"));
    private static final DrugKnowledge KNOWLEDGE = DrugKnowledge.load(Path.of("rules", "knowledge"));

    private static TaperProposal.Basis basis(String drug, double prevMg, int administrations, String draftCode) {
        Ingredient ingredient = KNOWLEDGE.ingredient(drug).orElseThrow();
        Product draftProduct =
                draftCode == null ? null : KNOWLEDGE.product(draftCode).orElseThrow();
        String form = Makeable.form(KNOWLEDGE, drug, draftProduct);
        return new TaperProposal.Basis(
                "draft-1",
                ingredient,
                TODAY,
                administrations,
                false,
                ingredient.ashtonDe(prevMg),
                0,
                Makeable.products(KNOWLEDGE, drug, form),
                form,
                draftProduct);
    }

    @Test
    void theSaferDoseIsTheSmallestMakeableDoseOfAtLeast75PercentOnAProductThatMakesIt() {
        // Clorazepate 30 mg/day, a draft on the 15 mg tablet (not scored) once daily: 22.5 mg cannot
        // be made with it; the 22.5 mg tablet makes it in one.
        TaperProposal proposal = TaperProposal.of(basis("clorazepate", 30, 1, "197464"), false, 0.75);

        assertThat(proposal.kind()).isEqualTo(TaperProposal.Kind.SAFER);
        assertThat(proposal.dose().mgPerDay()).isEqualTo(22.5);
        assertThat(proposal.product().rxnormCode()).isEqualTo("618739"); // clorazepate dipotassium 22.5 MG
        assertThat(proposal.dose().perAdministrationMg()).containsExactly(22.5);
    }

    @Test
    void aScoredTabletMakesTheDoseInHalves() {
        // Diazepam 20 mg/day, a draft on the scored 10 mg tablet once daily: 15 mg is one and a half.
        TaperProposal proposal = TaperProposal.of(basis("diazepam", 20, 1, "197589"), false, 0.75);

        assertThat(proposal.dose().mgPerDay()).isEqualTo(15.0);
        assertThat(proposal.product().rxnormCode()).isEqualTo("197589");
    }

    @Test
    void theDraftsProductIsKeptWhenItMakesTheDose() {
        // Clonazepam 2 mg/day twice daily on the 0.5 mg tablet: 1.5 mg = 1 + 0.5, both whole 0.5 mg tablets.
        TaperProposal proposal = TaperProposal.of(basis("clonazepam", 2, 2, "197527"), false, 0.75);

        assertThat(proposal.dose().mgPerDay()).isEqualTo(1.5);
        assertThat(proposal.product().rxnormCode()).isEqualTo("197527");
    }

    @Test
    void withdrawalKeepsPrev() {
        TaperProposal proposal = TaperProposal.of(basis("diazepam", 20, 2, "197591"), true, 0.75);

        assertThat(proposal.kind()).isEqualTo(TaperProposal.Kind.PAUSE);
        assertThat(proposal.dose().mgPerDay()).isEqualTo(20.0);
        assertThat(proposal.dose().perAdministrationMg()).containsExactly(10.0, 10.0);
    }

    @Test
    void prevIsKeptWhenNoDoseBetween75PercentAndPrevCanBeMade() {
        // Clonazepam 0.5 mg once daily: 0.375–0.5 mg holds only 0.5 with 0.5/1/2 mg tablets.
        TaperProposal proposal = TaperProposal.of(basis("clonazepam", 0.5, 1, "197527"), false, 0.75);

        assertThat(proposal.kind()).isEqualTo(TaperProposal.Kind.HOLD);
        assertThat(proposal.dose().mgPerDay()).isEqualTo(0.5);
    }

    @Test
    void prevThatTheStrengthsCannotMakeIsKeptInMgOnTheIngredientConcept() {
        // Clorazepate 7 mg/day (e.g. from a liquid) in three administrations: 2.334 mg each, which no
        // clorazepate tablet (unscored) makes.
        TaperProposal proposal = TaperProposal.of(basis("clorazepate", 7, 3, null), true, 0.75);

        assertThat(proposal.product()).isNull();
        assertThat(proposal.dose().mgPerDay()).isGreaterThanOrEqualTo(7.0);
        assertThat(proposal.dose().perAdministrationMg()).containsExactly(2.334, 2.334, 2.334);
    }

    @Test
    void thePlanStepsDown10PercentEvery14DaysOnOneProductEndingOpen() {
        // Diazepam 20 mg/day twice daily: 10 % of each step every 14 days, rounded up to what the
        // scored 2 mg tablet makes (halves of 1 mg): 18, 17, 15, 14, 12, then 11 open.
        TaperPlan plan =
                TaperPlan.of(basis("diazepam", 20, 2, "197591"), SETTINGS).orElseThrow();

        assertThat(plan.steps())
                .extracting(s -> s.dose().mgPerDay())
                .containsExactly(18.0, 17.0, 15.0, 14.0, 12.0, 11.0);
        assertThat(plan.steps()).extracting(TaperPlan.Step::days).containsExactly(14, 14, 14, 14, 14, null);
        assertThat(plan.steps())
                .extracting(TaperPlan.Step::start)
                .containsExactly(
                        TODAY,
                        TODAY.plusDays(14),
                        TODAY.plusDays(28),
                        TODAY.plusDays(42),
                        TODAY.plusDays(56),
                        TODAY.plusDays(70));
        assertThat(plan.product().strengthMg()).isEqualTo(2.0);
        assertThat(plan.product().display()).doesNotContain("["); // the generic before the brand
    }

    @Test
    void everyPlanStepIsWithinTheRateAndTheHorizon() {
        for (String drug : List.of("alprazolam", "clonazepam", "diazepam", "lorazepam", "oxazepam", "temazepam")) {
            for (double prev : List.of(1.0, 2.0, 3.0, 6.0, 10.0, 30.0, 60.0)) {
                for (int times = 1; times <= 3; times++) {
                    TaperProposal.Basis basis = basis(drug, prev, times, null);
                    TaperPlan.of(basis, SETTINGS).ifPresent(plan -> {
                        double previous = prev;
                        for (TaperPlan.Step step : plan.steps()) {
                            double mg = step.dose().mgPerDay();
                            // The first step may hold prev (10 % below it rounds back up); then each is lower.
                            assertThat(mg).as(drug + " " + prev).isPositive().isLessThanOrEqualTo(previous);
                            assertThat(step == plan.steps().get(0) || mg < previous)
                                    .isTrue();
                            assertThat(mg >= previous * 0.75 - 1e-9
                                            || basis.de(previous - mg) <= SETTINGS.tailAllowanceMgDe())
                                    .as(drug + " " + prev + ": " + previous + " -> " + mg)
                                    .isTrue();
                            previous = mg;
                        }
                        TaperPlan.Step last = plan.steps().get(plan.steps().size() - 1);
                        assertThat(last.days()).isNull();
                        assertThat(last.start()).isBefore(TODAY.plusDays(SETTINGS.planHorizonDays()));
                    });
                }
            }
        }
    }

    @Test
    void noPlanWhenTheStrengthsAllowNoStepBelowPrev() {
        // Clonazepam 0.5 mg once daily: 10 % below rounds back up to 0.5 mg.
        assertThat(TaperPlan.of(basis("clonazepam", 0.5, 1, "197527"), SETTINGS))
                .isEmpty();
    }
}
