package org.tapercds.evaluation.cards;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
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
final class OpioidCardContent extends CardContent {

    OpioidCardContent() {
        super(
                "opioid",
                View.class,
                List.of("suggestion", "action", "dosage"),
                List.of(MedicationFact.class, OudTreatment.class, NaloxoneOffer.class));
    }

    /**
     * @param opioids the opioid orders, each once (the first {@code cards.max-table-rows})
     * @param moreOpioids opioid orders left out of {@code opioids}
     * @param benzodiazepines the benzodiazepines in use, by ingredient
     * @param oudTreatment buprenorphine or methadone treats opioid use disorder
     * @param offerNaloxone no naloxone rescue product is active: the card offers one
     * @param product the naloxone product the suggestion prescribes (null: none)
     */
    public record View(
            List<Opioid> opioids,
            int moreOpioids,
            String benzodiazepines,
            boolean oudTreatment,
            boolean offerNaloxone,
            Terminology.Concept product) {

        /** The naloxone product's name, for the wording (null: none). */
        public String naloxone() {
            return product == null ? null : product.display();
        }
    }

    public record Opioid(String medication, boolean draft) {}

    /** The opioid orders lead the card (its source is the co-prescription rule), then OUD, then naloxone. */
    @Override
    Comparator<Object> evidenceOrder() {
        return Comparator.comparingInt(e -> e instanceof MedicationFact ? 0 : e instanceof OudTreatment ? 1 : 2);
    }

    @Override
    Object view(List<Advisory> advisories, CardContext context) {
        List<Opioid> opioids = advisories.stream()
                .filter(a -> a.evidence() instanceof MedicationFact)
                .map(a -> (MedicationFact) a.evidence())
                .map(order -> new Opioid(order.medication(), order.drafted()))
                .distinct()
                .toList();
        boolean offer = advisories.stream().anyMatch(a -> a.evidence() instanceof NaloxoneOffer);
        List<Terminology.Concept> products =
                offer ? context.ruleBase().terminology().members(ValueSets.NALOXONE_SUGGESTION) : List.of();
        return new View(
                context.first(opioids),
                context.leftOut(opioids),
                String.join(", ", context.benzodiazepineUse().ingredients()),
                advisories.stream().anyMatch(a -> a.evidence() instanceof OudTreatment),
                offer,
                products.isEmpty() ? null : products.get(0));
    }

    @Override
    List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context, Object view) {
        Terminology.Concept product = ((View) view).product();
        if (product == null) {
            return List.of();
        }
        String category = advisories.get(0).category();
        MedicationRequest naloxone = new MedicationRequest();
        naloxone.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        naloxone.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        naloxone.setSubject(new Reference("Patient/" + context.request().patientId()));
        naloxone.setMedication(new CodeableConcept()
                .addCoding(new Coding(product.system(), product.code(), product.display()))
                .setText(product.display()));
        naloxone.addDosageInstruction(
                new Dosage().setText(context.render(category, "dosage", view)).setAsNeeded(new BooleanType(true)));
        String label = context.render(category, "suggestion", view);
        String uuid = UUID.nameUUIDFromBytes(
                        (context.request().hookInstance() + "|naloxone").getBytes(StandardCharsets.UTF_8))
                .toString();
        List<Card.Action> actions = new ArrayList<>();
        actions.add(new Card.Action(
                "create",
                context.render(category, "action", view),
                context.fhirContext().newJsonParser().encodeResourceToString(naloxone),
                null));
        return List.of(new Card.Suggestion(label, uuid, Boolean.TRUE, actions));
    }
}
