package org.tapercds.facts;

/** Why the scheduled dose went down on a day. */
public enum ReductionCause {
    /** A lower dose (a new order, or the next step of a taper plan). */
    LOWER_DOSE,
    /** A plan whose timing bounds run out with no successor. */
    PLAN_ENDS,
    /** The regimen continues as needed only: the scheduled dose is zero. */
    AS_NEEDED_ONLY,
    /** A history order ended with no successor order. */
    ORDER_ENDED
}
