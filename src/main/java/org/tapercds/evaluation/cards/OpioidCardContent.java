package org.tapercds.evaluation.cards;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.tapercds.facts.AnalgesicOpioid;
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
                List.of(MedicationFact.class, OudTreatment.class, AnalgesicOpioid.class, NaloxoneOffer.class));
    }

    /**
     * @param opioids the opioid orders, each once (the first {@code cards.max-table-rows})
     * @param moreOpioids opioid orders left out of {@code opioids}
     * @param benzodiazepines the benzodiazepines in use, by ingredient
     * @param oudTreatment an opioid treats opioid use disorder (MOUD; {@code OudTreatment} raised)
     * @param moudOpioids the names of the MOUD opioids, comma-separated (empty: none)
     * @param analgesic an opioid is not MOUD ({@code AnalgesicOpioid} raised)
     * @param analgesicOpioids the names of the opioids that are not MOUD, comma-separated (empty: none)
     * @param offerNaloxone no naloxone rescue product is active: the card offers one
     * @param product the naloxone product the suggestion prescribes (null: none)
     */
    public record View(
            List<Opioid> opioids,
            int moreOpioids,
            String benzodiazepines,
            boolean oudTreatment,
            String moudOpioids,
            boolean analgesic,
            String analgesicOpioids,
            boolean offerNaloxone,
            Terminology.Concept product) {

        /** The naloxone product's name, for the wording (null: none). */
        public String naloxone() {
            return product == null ? null : product.display();
        }
    }

    /** An opioid order: its name, whether it is a draft, whether it is MOUD. */
    public record Opioid(String medication, boolean draft, boolean moud) {}

    /**
     * The opioid orders lead the card (its source is the co-prescription rule), then OUD, analgesic,
     * naloxone.
     */
    @Override
    Comparator<Object> evidenceOrder() {
        return Comparator.comparingInt(e ->
                e instanceof MedicationFact ? 0 : e instanceof OudTreatment ? 1 : e instanceof AnalgesicOpioid ? 2 : 3);
    }

    @Override
    Object view(List<Advisory> advisories, CardContext context) {
        Set<MedicationFact> moud = new LinkedHashSet<>();
        Set<MedicationFact> analgesics = new LinkedHashSet<>();
        for (Advisory advisory : advisories) {
            if (advisory.evidence() instanceof OudTreatment treatment) {
                moud.add(treatment.order());
            } else if (advisory.evidence() instanceof AnalgesicOpioid analgesic) {
                analgesics.add(analgesic.order());
            }
        }
        List<Opioid> opioids = advisories.stream()
                .filter(a -> a.evidence() instanceof MedicationFact)
                .map(a -> (MedicationFact) a.evidence())
                .map(order -> new Opioid(order.medication(), order.drafted(), moud.contains(order)))
                .distinct()
                .toList();
        boolean offer = advisories.stream().anyMatch(a -> a.evidence() instanceof NaloxoneOffer);
        List<Terminology.Concept> products =
                offer ? context.ruleBase().terminology().members(ValueSets.NALOXONE_SUGGESTION) : List.of();
        return new View(
                context.first(opioids),
                context.leftOut(opioids),
                String.join(", ", context.benzodiazepineUse().ingredients()),
                !moud.isEmpty(),
                names(moud),
                !analgesics.isEmpty(),
                names(analgesics),
                offer,
                products.isEmpty() ? null : products.get(0));
    }

    /** The medications of the orders, each name once, in the order raised. */
    private static String names(Set<MedicationFact> orders) {
        return String.join(
                ", ", orders.stream().map(MedicationFact::medication).distinct().toList());
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
