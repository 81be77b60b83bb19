package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.Terminology;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleBaseLoader;
import org.tapercds.system.CsvRow;

/**
 * The drug knowledge files: a well-formed table loads, a malformed one is refused with file and line;
 * the project's table is complete for what its value sets admit (RULES §7).
 */
class DrugKnowledgeFilesTests {

    private static final String VS = "http://taper-cds.org/fhir/ValueSet/";

    private static final String INGREDIENT_HEADER =
            "ingredient,rxnorm_ingredient,drug_class,ashton_mg_eq_diazepam_10,vadod_mg_eq_diazepam_10,"
                    + "oral_form_rxnorm,oral_form_display,source_note";
    private static final String PRODUCT_HEADER = "rxnorm,display,ingredient,strength_mg,unit,route,scored,note";

    @Test
    void loadsAMinimalWellFormedTable(@TempDir Path dir) throws IOException {
        write(dir, validIngredients(), validProducts());

        DrugKnowledge table = DrugKnowledge.load(dir);

        assertThat(table.ingredientCount()).isEqualTo(2);
        assertThat(table.productCount()).isEqualTo(2);
        assertThat(table.product("197527")).map(Product::strengthMg).hasValue(0.5);
    }

    @Test
    void refusesADuplicateProductCodeWithFileAndLine(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients(),
                validProducts() + "197527,clonazepam 0.5 MG Oral Tablet,clonazepam,0.5,tablet,oral,,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: RxNorm code 197527 is listed twice");
    }

    @Test
    void refusesADuplicateIngredientWithFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, validIngredients() + "Diazepam,3322,benzodiazepine,10,10,,,again\n", validProducts());

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("ingredients.csv") + ":5: ingredient diazepam is listed twice");
    }

    @Test
    void refusesAProductOfAnUnknownIngredientWithFileAndLine(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients(),
                validProducts() + "197900,lorazepam 0.5 MG Oral Tablet,lorazepam,0.5,tablet,oral,,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: ingredient lorazepam is not in ingredients.csv");
    }

    @Test
    void refusesAWrongHeaderWithFileAndLine(@TempDir Path dir) throws IOException {
        write(
                dir,
                "# a comment line before the header\n"
                        + "ingredient,rxnorm,class,ashton,vadod,note\n"
                        + "diazepam,3322,benzodiazepine,10,10,reference\n",
                validProducts());

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("ingredients.csv") + ":2: header must be " + INGREDIENT_HEADER);
    }

    @Test
    void refusesAFactorThatIsNotANumberWithFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, validIngredients() + "lorazepam,6470,benzodiazepine,one,2,,,typo\n", validProducts());

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("ingredients.csv") + ":5: ashton_mg_eq_diazepam_10 is not a number: one");
    }

    @Test
    void refusesANegativeStrengthWithFileAndLine(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients(),
                validProducts() + "197528,clonazepam 1 MG Oral Tablet,clonazepam,-1,tablet,oral,,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: strength_mg must be a positive number: -1");
    }

    @Test
    void refusesAnOralProductWithoutStrengthWithFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, validIngredients(), validProducts() + "197528,clonazepam 1 MG Oral Tablet,clonazepam,,,oral,,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: strength_mg and unit are required for oral products");
    }

    @Test
    void refusesARowWithTheWrongNumberOfColumnsWithFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, validIngredients(), validProducts() + "197528,clonazepam 1 MG Oral Tablet,clonazepam,1,tablet\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: expected 8 columns, found 5");
    }

    @Test
    void readsQuotedCellsWithCommas(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients() + "bromazepam,,benzodiazepine,5.5,,,,\"range 5-6, midpoint used\"\n",
                validProducts());

        assertThat(DrugKnowledge.load(dir).ingredient("bromazepam"))
                .map(Ingredient::ashtonMgEq10)
                .hasValue(5.5);
    }

    @Test
    void refusesAMissingFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ingredients.csv"), validIngredients(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessageStartingWith(dir.resolve("products.csv") + ": cannot be read");
    }

    @Test
    void readsTheScoredColumnAndTheOralForm(@TempDir Path dir) throws IOException {
        write(dir, validIngredients(), validProducts());

        DrugKnowledge table = DrugKnowledge.load(dir);

        assertThat(table.product("197527")).map(Product::scored).hasValue(true);
        assertThat(table.product("197589")).map(Product::scored).hasValue(false);
        assertThat(table.ingredient("clonazepam").orElseThrow().oralForm())
                .isEqualTo(new Ingredient.OralForm(null, "clonazepam Oral Tablet"));
        assertThat(table.ingredient("diazepam").orElseThrow().oralForm()).isNull();
    }

    @Test
    void refusesAScoredValueOtherThanYesWithFileAndLine(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients(),
                validProducts() + "197528,clonazepam 1 MG Oral Tablet,clonazepam,1,tablet,oral,true,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: scored must be yes or blank: true");
    }

    @Test
    void refusesAScoredCapsuleWithFileAndLine(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients(),
                validProducts() + "197528,diazepam 2 MG Oral Capsule,diazepam,2,capsule,oral,yes,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: only a tablet can be scored");
    }

    @Test
    void refusesAnOralFormCodeWithoutItsDisplayWithFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, validIngredients() + "lorazepam,6470,benzodiazepine,1,2,123,,test\n", validProducts());

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("ingredients.csv") + ":5: oral_form_display is required with oral_form_rxnorm");
    }

    /**
     * RULES §7: every RxNorm code the benzodiazepine and Z-drug value set admits, and every code of the
     * rescue and injectable set policy keeps out of the taper checks, has a row of the knowledge table
     * (a product, an ingredient or an ingredient's oral form).
     */
    @Test
    void knowsEveryCodeTheBenzodiazepineValueSetsAdmit() {
        DrugKnowledge knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));
        Terminology terminology = Terminology.load(Path.of("fhir-profiles"), FhirContext.forR4Cached());

        for (String valueSet : List.of("benzodiazepines-and-z-drugs", "benzodiazepines-rescue-and-injectable")) {
            List<Terminology.Concept> members = terminology.members(VS + valueSet);
            assertThat(members).as(valueSet).isNotEmpty().allSatisfy(concept -> {
                assertThat(concept.system()).isEqualTo(Codes.RXNORM);
                assertThat(knowledge.knows(concept.code()))
                        .as("%s %s (%s) has a row in rules/knowledge", valueSet, concept.code(), concept.display())
                        .isTrue();
            });
        }
    }

    /**
     * The rule base binds its drug table to the benzodiazepine and Z-drug value set, so that an
     * admitted code the table lacks is reported rather than dropped; the rescue set is not admitted.
     */
    @Test
    void bindsTheRuleBaseDrugTableToTheValueSet() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        RuleBase ruleBase =
                new RuleBaseLoader(clock, FhirContext.forR4Cached()).load(Path.of("rules"), Path.of("fhir-profiles"));

        assertThat(ruleBase.knowledge().admits("10355")).isTrue(); // temazepam (IN)
        assertThat(ruleBase.knowledge().admits("2353")).isTrue(); // clorazepate (IN)
        assertThat(ruleBase.knowledge().admits("40001")).isTrue(); // zopiclone (IN, Z-drug set)
        assertThat(ruleBase.knowledge().admits("1749")).isTrue(); // bromazepam (IN)
        assertThat(ruleBase.knowledge().admits("485440")).isTrue(); // eszopiclone 1 mg tablet
        assertThat(ruleBase.knowledge().admits("309845")).isFalse(); // diazepam injection: rescue set
    }

    /** Every ingredient has its verified RxNorm IN code, or a note saying why it is blank. */
    @Test
    void givesEveryIngredientItsRxNormCodeOrSaysWhyNot() {
        List<CsvRow> rows =
                CsvRow.read(Path.of("rules/knowledge/ingredients.csv"), List.of(INGREDIENT_HEADER.split(",")));

        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            if (row.optional("rxnorm_ingredient") == null) {
                assertThat(row.optional("source_note"))
                        .as("note of %s", row.required("ingredient"))
                        .contains("RxNorm IN left blank: ");
            } else {
                assertThat(row.required("rxnorm_ingredient")).matches("[1-9][0-9]*");
            }
        });
    }

    /** RULES §7 (issue 12): the codes of the benzodiazepines the table lacked; eszopiclone and zaleplon products. */
    @Test
    void knowsTheIngredientCodesAndZDrugProductsFoundMissing() {
        DrugKnowledge knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));

        assertThat(knowledge.ingredientByCode("10355")).map(Ingredient::name).hasValue("temazepam");
        assertThat(List.of("485440", "485442", "485465")).allSatisfy(code -> assertThat(knowledge.product(code))
                .map(Product::ingredient)
                .hasValue("eszopiclone"));
        assertThat(List.of("313761", "313762")).allSatisfy(code -> assertThat(knowledge.product(code))
                .map(Product::ingredient)
                .hasValue("zaleplon"));
    }

    /** Scored only where the US label says so: never a capsule, an extended-release or a disintegrating tablet. */
    @Test
    void scoresOnlyImmediateReleaseTablets() {
        DrugKnowledge knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));

        assertThat(knowledge.products())
                .filteredOn(Product::scored)
                .isNotEmpty()
                .allSatisfy(product -> {
                    assertThat(product.unit()).isEqualTo("tablet");
                    assertThat(product.form()).isEqualTo(Product.ORAL_TABLET);
                });
        assertThat(knowledge.product("197591")).map(Product::scored).hasValue(true); // diazepam 5 mg tablet
        assertThat(knowledge.product("198241")).map(Product::scored).hasValue(false); // temazepam 15 mg capsule
        assertThat(knowledge.product("433799")).map(Product::scored).hasValue(false); // alprazolam 2 mg ER
    }

    /** Line 1 comment, line 2 header, lines 3–4 data. */
    private static String validIngredients() {
        return "# test ingredients\n"
                + INGREDIENT_HEADER
                + "\n"
                + "clonazepam,2598,benzodiazepine,0.5,1,,clonazepam Oral Tablet,test\n"
                + "diazepam,3322,benzodiazepine,10,10,,,test\n";
    }

    /** Line 1 header, lines 2–3 data. */
    private static String validProducts() {
        return PRODUCT_HEADER
                + "\n"
                + "197527,clonazepam 0.5 MG Oral Tablet,clonazepam,0.5,tablet,oral,yes,\n"
                + "197589,diazepam 10 MG Oral Tablet,diazepam,10,tablet,oral,,\n";
    }

    private static void write(Path dir, String ingredients, String products) throws IOException {
        Files.writeString(dir.resolve("ingredients.csv"), ingredients, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("products.csv"), products, StandardCharsets.UTF_8);
    }
}
