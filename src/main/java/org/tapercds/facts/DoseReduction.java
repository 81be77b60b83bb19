package org.tapercds.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * A day on which the total scheduled diazepam-equivalent dose D goes down (RULES §3).
 *
 * @param day the day t of the reduction
 * @param previousDay the day in t−window … t−1 where D had its maximum (prev)
 * @param previousMgDe prev = max D over the window before t
 * @param currentMgDe cur = D(t)
 * @param fraction (prev − cur) / prev; when a switch is in progress the smaller of the Ashton and
 *     VA/DoD reductions
 * @param switchInProgress the ingredients in effect changed inside the window
 * @param ashtonFraction the reduction computed with the Ashton factors
 * @param vaDodFraction the reduction computed with the VA/DoD factors
 * @param vaDodPreviousMgDe prev computed with the VA/DoD factors
 * @param vaDodCurrentMgDe cur computed with the VA/DoD factors
 * @param ingredients the ingredients whose dose went down that day
 * @param orderId the draft order responsible, else the history order whose dose went down (null when
 *     the order has no id)
 * @param cause why the dose went down
 * @param inScope whether this hook may report it: in order hooks a step on or after the start of the
 *     drafts under review (what the clinician can still change, even when a draft is back-dated); in
 *     patient-view a history step within the window before today
 */
public record DoseReduction(
        LocalDate day,
        LocalDate previousDay,
        double previousMgDe,
        double currentMgDe,
        double fraction,
        boolean switchInProgress,
        double ashtonFraction,
        double vaDodFraction,
        double vaDodPreviousMgDe,
        double vaDodCurrentMgDe,
        List<String> ingredients,
        String orderId,
        ReductionCause cause,
        boolean inScope) {

    /**
     * Whether the VA/DoD factors decided the reduction: a switch is in progress and they give the
     * smaller reduction (RULES §1, §6). Otherwise the Ashton factors decide.
     */
    public boolean vaDodDecides() {
        return switchInProgress && vaDodFraction < ashtonFraction;
    }

    /** prev in the table that decided (RULES §6: amounts and percentage from one table). */
    public double decidingPreviousMgDe() {
        return vaDodDecides() ? vaDodPreviousMgDe : previousMgDe;
    }

    /** cur in the table that decided. */
    public double decidingCurrentMgDe() {
        return vaDodDecides() ? vaDodCurrentMgDe : currentMgDe;
    }

    /** The cut in mg DE, in the table that decided (compared with the tail allowance). */
    public double amountMgDe() {
        return decidingPreviousMgDe() - decidingCurrentMgDe();
    }

    public boolean toZero() {
        return currentMgDe <= 0.0;
    }

    public double percent() {
        return fraction * 100.0;
    }
}
