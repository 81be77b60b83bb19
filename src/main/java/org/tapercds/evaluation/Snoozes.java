package org.tapercds.evaluation;

import java.util.Map;
import org.tapercds.facts.Indicator;

/**
 * Categories the EHR's users snoozed for a patient by overriding a card (SPEC §3): their cards are
 * withheld from the EHR unless they get more severe. Implemented by the alert store; live calls
 * only (scenarios and previews never snooze).
 */
public interface Snoozes {

    /**
     * Per category snoozed for the patient now, the most severe indicator still withheld. Answers at
     * once from memory: a store that cannot answer in time answers empty, so the card is shown.
     */
    Map<String, Indicator> snoozed(String patientId);

    Snoozes NONE = patientId -> Map.of();
}
