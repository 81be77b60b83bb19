package org.tapercds.hooks.cards;

import ca.uhn.fhir.context.FhirContext;
import org.tapercds.fhir.HookRequest;
import org.tapercds.rules.RuleBase;
import org.tapercds.timeline.PatientTimeline;

/** Everything a card is written from: the call, the rule base it ran on, and the patient's timeline. */
record CardContext(HookRequest request, RuleBase ruleBase, PatientTimeline timeline, FhirContext fhirContext) {}
