package org.tapercds.hooks;

import org.tapercds.fhir.HookRequest;
import org.tapercds.hooks.cards.CardsResponse;

/** Evaluates a validated hook call against the active rule base and answers with cards. */
public interface HookEvaluator {

    CardsResponse evaluate(HookRequest request);
}
