package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tapercds.fhir.Terminology;

/**
 * The RxNorm ingredient (IN) codes of the drug table (RULES §7): the verified ones are there, a salt's
 * own code is not taken for its ingredient, every code is admitted by its value set, and every
 * ingredient of a product the value sets admit has its code.
 */
class IngredientCodesTests {

    private static final String VS = "http://taper-cds.org/fhir/ValueSet/";

    /**
     * Issue 12 item 5: the ingredient (IN) codes verified on 2026-12-04, each agreed by at least two public
     * files (the source_note of each row names them; the last six by the UMLS 2016AB and 2011AB releases);
     * the salt forms' own codes are not ingredients.
     */
    @ParameterizedTest(name = "RxNorm IN {0} is {1}")
    @CsvSource({
        "2356, chlordiazepoxide",
        "2353, clorazepate",
        "4077, estazolam",
        "4501, flurazepam",
        "35185, quazepam",
        "10767, triazolam",
        "461016, eszopiclone",
        "74667, zaleplon",
        "40001, zopiclone",
        "1749, bromazepam",
        "4460, flunitrazepam",
        "26412, halazepam",
        "28894, lormetazepam",
        "7440, nitrazepam",
        "8627, prazepam"
    })
    void knowsTheVerifiedIngredientCode(String code, String name) {
        DrugKnowledge knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));

        assertThat(knowledge.ingredientByCode(code)).map(Ingredient::name).hasValue(name);
        assertThat(knowledge.ingredient(name)).map(Ingredient::rxnormCode).hasValue(code);
    }

    @Test
    void takesNoSaltCodeForAnIngredient() {
        DrugKnowledge knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));

        // chlordiazepoxide hydrochloride, clorazepate dipotassium, flurazepam hydrochloride (PIN)
        assertThat(List.of("203173", "2607", "71484"))
                .allSatisfy(code -> assertThat(knowledge.ingredientByCode(code)).isEmpty());
    }

    /**
     * The other direction of {@code DrugKnowledgeFilesTests.knowsEveryCodeTheBenzodiazepineValueSetsAdmit}: an ingredient
     * code of the table is admitted by the value set of its drug class, so an order coded by it is
     * checked (a code only in the table would be recognised by the timeline but not by profile
     * validation and the other-medication facts).
     */
    @Test
    void admitsEveryIngredientCodeOfTheTableInTheValueSetOfItsClass() {
        DrugKnowledge knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));
        Terminology terminology = Terminology.load(Path.of("fhir-profiles"), FhirContext.forR4Cached());
        List<String> benzodiazepines = codes(terminology, "benzodiazepines");
        List<String> zDrugs = codes(terminology, "z-drugs");

        assertThat(knowledge.ingredients())
                .filteredOn(ingredient -> ingredient.rxnormCode() != null)
                .hasSizeGreaterThanOrEqualTo(24)
                .allSatisfy(ingredient -> assertThat("z-drug".equals(ingredient.drugClass()) ? zDrugs : benzodiazepines)
                        .as("%s %s in the value set of its class", ingredient.name(), ingredient.rxnormCode())
                        .contains(ingredient.rxnormCode()));
    }

    /**
     * RULES §7 by construction: every product the benzodiazepine and Z-drug value sets admit belongs to
     * an ingredient whose RxNorm IN code the table has, so an order coded by that ingredient alone is
     * recognised too. Remimazolam, whose only products are injections (the rescue and injectable set),
     * is not asked for.
     */
    @Test
    void givesEveryIngredientOfAnAdmittedProductItsRxNormCode() {
        DrugKnowledge knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));
        Terminology terminology = Terminology.load(Path.of("fhir-profiles"), FhirContext.forR4Cached());
        List<Product> admitted = Stream.of("benzodiazepines", "z-drugs")
                .flatMap(valueSet -> codes(terminology, valueSet).stream())
                .map(knowledge::product)
                .flatMap(Optional::stream)
                .toList();

        assertThat(admitted).hasSizeGreaterThanOrEqualTo(164).allSatisfy(product -> assertThat(
                        knowledge.ingredient(product.ingredient()).map(Ingredient::rxnormCode))
                .as(
                        "RxNorm IN of %s, whose product %s (%s) is admitted",
                        product.ingredient(), product.rxnormCode(), product.display())
                .hasValueSatisfying(code -> assertThat(code).isNotBlank()));
    }

    /** Why remimazolam's IN code is not required: none of its products is admitted for the taper checks. */
    @Test
    void admitsNoRemimazolamProductForTheTaperChecks() {
        Terminology terminology = Terminology.load(Path.of("fhir-profiles"), FhirContext.forR4Cached());

        // remimazolam 20 MG Injection, and [Byfavo]
        assertThat(codes(terminology, "benzodiazepines-and-z-drugs"))
                .hasSize(188)
                .doesNotContain("2383946", "2383951");
        assertThat(codes(terminology, "benzodiazepines-rescue-and-injectable")).contains("2383946", "2383951");
    }

    private static List<String> codes(Terminology terminology, String valueSet) {
        return terminology.members(VS + valueSet).stream()
                .map(Terminology.Concept::code)
                .toList();
    }
}
