package org.tapercds.hooks.cards;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.tapercds.facts.MedicationFact;
import org.tapercds.facts.NaloxoneOffer;
import org.tapercds.facts.OudTreatment;
import org.tapercds.fhir.Terminology;
import org.tapercds.fhir.ValueSets;
import org.tapercds.rules.Advisory;

/** Cards about opioids with a benzodiazepine ({@code opioid-co-prescription}). */
final class OpioidCardContent implements CardContent {

    @Override
    public boolean handles(Object evidence) {
        return evidence instanceof MedicationFact
                || evidence instanceof OudTreatment
                || evidence instanceof NaloxoneOffer;
    }

    /** The opioid orders lead the card (its source is the co-prescription rule), then OUD, then naloxone. */
    @Override
    public java.util.Comparator<Object> evidenceOrder() {
        return java.util.Comparator.comparingInt(
                e -> e instanceof MedicationFact ? 0 : e instanceof OudTreatment ? 1 : 2);
    }

    private static Set<String> opioids(List<Advisory> advisories) {
        Set<String> names = new LinkedHashSet<>();
        for (Advisory advisory : advisories) {
            if (advisory.evidence() instanceof MedicationFact order) {
                names.add(order.medication() + (order.drafted() ? " (draft)" : ""));
            }
        }
        return names;
    }

    private static boolean oudTreatment(List<Advisory> advisories) {
        return advisories.stream().anyMatch(a -> a.evidence() instanceof OudTreatment);
    }

    private static boolean offerNaloxone(List<Advisory> advisories) {
        return advisories.stream().anyMatch(a -> a.evidence() instanceof NaloxoneOffer);
    }

    @Override
    public String summary(List<Advisory> advisories, CardContext context) {
        String base = "Opioid with a benzodiazepine: risk of respiratory depression (FDA boxed warning)";
        if (oudTreatment(advisories)) {
            return Format.summary(base + "; continue OUD treatment");
        }
        return Format.summary(offerNaloxone(advisories) ? base + "; offer naloxone" : base);
    }

    @Override
    public String detail(List<Advisory> advisories, CardContext context) {
        StringBuilder md = new StringBuilder("**An opioid and a benzodiazepine are used together.** The FDA boxed ")
                .append("warning: profound sedation, respiratory depression, coma and death. Reassess the need for ")
                .append("both, use the lowest effective doses, and monitor.\n\nOpioids:\n");
        for (String name : opioids(advisories)) {
            md.append("- ").append(Format.text(name)).append('\n');
        }
        md.append("\nBenzodiazepines: ")
                .append(String.join(", ", context.benzodiazepineUse().ingredients()))
                .append('\n');
        if (oudTreatment(advisories)) {
            md.append("\n**Buprenorphine or methadone treats opioid use disorder: continue it.** Do not stop or ")
                    .append("withhold it because of the benzodiazepine (guideline Rec 21); taper the ")
                    .append("benzodiazepine gradually instead.\n");
        }
        md.append(
                offerNaloxone(advisories)
                        ? "\nNo naloxone rescue product is active: offer naloxone (guideline Rec 17).\n"
                        : "\nA naloxone rescue product is already active or being prescribed.\n");
        return md.toString();
    }

    @Override
    public List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context) {
        if (!offerNaloxone(advisories)) {
            return List.of();
        }
        Terminology terminology = context.ruleBase().terminology();
        List<Terminology.Concept> products = terminology.members(ValueSets.NALOXONE_SUGGESTION);
        if (products.isEmpty()) {
            return List.of();
        }
        Terminology.Concept product = products.get(0);
        MedicationRequest naloxone = new MedicationRequest();
        naloxone.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        naloxone.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        naloxone.setSubject(new Reference("Patient/" + context.request().patientId()));
        naloxone.setMedication(new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(product.system(), product.code(), product.display()))
                .setText(product.display()));
        naloxone.addDosageInstruction(new Dosage()
                .setText("For suspected opioid overdose: one spray into one nostril; call emergency services; "
                        + "repeat in the other nostril after 2 to 3 minutes if there is no response")
                .setAsNeeded(new org.hl7.fhir.r4.model.BooleanType(true)));
        String label = "Prescribe naloxone (" + product.display() + ")";
        String uuid = UUID.nameUUIDFromBytes(
                        (context.request().hookInstance() + "|naloxone").getBytes(StandardCharsets.UTF_8))
                .toString();
        List<Card.Action> actions = new ArrayList<>();
        actions.add(new Card.Action(
                "create",
                label + " for a patient using an opioid with a benzodiazepine",
                context.fhirContext().newJsonParser().encodeResourceToString(naloxone),
                null));
        return List.of(new Card.Suggestion(label, uuid, Boolean.TRUE, actions));
    }
}
