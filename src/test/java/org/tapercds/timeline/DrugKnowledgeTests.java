package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RULES §1: the project's drug knowledge table under rules/knowledge. */
class DrugKnowledgeTests {

    private final DrugKnowledge knowledge = Requests.knowledge();

    @Test
    void loadsEveryProductRowOfTheProjectTable() throws IOException {
        List<String> codes = dataRows(Path.of("rules/knowledge/products.csv")).stream()
                .map(row -> row.substring(0, row.indexOf(',')))
                .toList();

        assertThat(codes).isNotEmpty().doesNotHaveDuplicates();
        assertThat(knowledge.productCount()).isEqualTo(codes.size());
        assertThat(codes).allSatisfy(code -> assertThat(knowledge.product(code)).isPresent());
    }

    @Test
    void loadsEveryIngredientRowOfTheProjectTable() throws IOException {
        assertThat(knowledge.ingredientCount())
                .isEqualTo(dataRows(Path.of("rules/knowledge/ingredients.csv")).size());
    }

    @Test
    void findsTheIngredientOfEveryProduct() throws IOException {
        List<String> codes = dataRows(Path.of("rules/knowledge/products.csv")).stream()
                .map(row -> row.substring(0, row.indexOf(',')))
                .toList();

        assertThat(codes).allSatisfy(code -> {
            Product product = knowledge.product(code).orElseThrow();
            assertThat(knowledge.ingredient(product.ingredient()))
                    .as("ingredient of %s", code)
                    .isPresent();
        });
    }

    @Test
    void givesEveryTaperProductAStrength() throws IOException {
        List<String> codes = dataRows(Path.of("rules/knowledge/products.csv")).stream()
                .map(row -> row.substring(0, row.indexOf(',')))
                .toList();

        assertThat(codes)
                .map(code -> knowledge.product(code).orElseThrow())
                .filteredOn(Product::taperRegimen)
                .allSatisfy(product -> {
                    assertThat(product.strengthMg()).as(product.rxnormCode()).isPositive();
                    assertThat(product.unit()).as(product.rxnormCode()).isNotBlank();
                });
    }

    @ParameterizedTest(name = "{0} is {1} {2} mg per {3}")
    @CsvSource({
        "308047, alprazolam, 0.25, tablet",
        "308048, alprazolam, 0.5, tablet",
        "197321, alprazolam, 1, tablet",
        "197322, alprazolam, 2, tablet",
        "197900, lorazepam, 0.5, tablet",
        "197901, lorazepam, 1, tablet",
        "197902, lorazepam, 2, tablet",
        "197527, clonazepam, 0.5, tablet",
        "197528, clonazepam, 1, tablet",
        "197529, clonazepam, 2, tablet",
        "197590, diazepam, 2, tablet",
        "197591, diazepam, 5, tablet",
        "197589, diazepam, 10, tablet",
        "198241, temazepam, 15, capsule"
    })
    void resolvesTheFrequentProducts(String code, String ingredient, double strength, String unit) {
        assertThat(knowledge.product(code)).hasValueSatisfying(product -> {
            assertThat(product.ingredient()).isEqualTo(ingredient);
            assertThat(product.strengthMg()).isEqualTo(strength);
            assertThat(product.unit()).isEqualTo(unit);
            assertThat(product.route()).isEqualTo("oral");
            assertThat(product.taperRegimen()).isTrue();
            assertThat(product.countable()).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}: {1} mg = diazepam 10 mg (Ashton)")
    @CsvSource({
        "alprazolam, 0.5",
        "clonazepam, 0.5",
        "lorazepam, 1",
        "oxazepam, 20",
        "temazepam, 20",
        "chlordiazepoxide, 25",
        "clorazepate, 15",
        "triazolam, 0.5",
        "diazepam, 10",
        "zolpidem, 20",
        "zopiclone, 15",
        "eszopiclone, 3",
        "zaleplon, 20",
        "estazolam, 1.5"
    })
    void holdsTheAshtonFactors(String name, double factor) {
        Ingredient ingredient = knowledge.ingredient(name).orElseThrow();

        assertThat(ingredient.ashtonMgEq10()).isEqualTo(factor);
        assertThat(ingredient.ashtonDe(factor)).isEqualTo(10.0);
    }

    @ParameterizedTest(name = "{0}: {1} mg = diazepam 10 mg (VA/DoD)")
    @CsvSource({"alprazolam, 1", "clonazepam, 1", "lorazepam, 2", "oxazepam, 30", "temazepam, 15", "triazolam, 0.25"})
    void holdsTheVaDodFactors(String name, double factor) {
        Ingredient ingredient = knowledge.ingredient(name).orElseThrow();

        assertThat(ingredient.vaDodMgEq10()).isEqualTo(factor);
        assertThat(ingredient.vaDodDe(factor)).isEqualTo(10.0);
    }

    @Test
    void convertsMilligramsToDiazepamEquivalents() {
        Ingredient clonazepam = knowledge.ingredient("clonazepam").orElseThrow();

        assertThat(clonazepam.ashtonDe(2)).isEqualTo(40.0);
        assertThat(clonazepam.vaDodDe(2)).isEqualTo(20.0);
        assertThat(clonazepam.mgForAshtonDe(30)).isEqualTo(1.5);
    }

    @Test
    void fallsBackToTheAshtonFactorWhereVaDodHasNone() {
        Ingredient zolpidem = knowledge.ingredient("zolpidem").orElseThrow();

        assertThat(zolpidem.vaDodMgEq10()).isNull();
        assertThat(zolpidem.vaDodDe(10)).isEqualTo(5.0);
    }

    @Test
    void leavesDrugsWithoutAVerifiedFactorWithoutEquivalence() {
        assertThat(knowledge.ingredient("midazolam").orElseThrow().hasEquivalence())
                .isFalse();
        assertThat(knowledge.ingredient("diazepam").orElseThrow().hasEquivalence())
                .isTrue();
    }

    @Test
    void findsIngredientsByRxNormCodeAndNameInAnyCase() {
        assertThat(knowledge.ingredientByCode("3322")).map(Ingredient::name).hasValue("diazepam");
        assertThat(knowledge.ingredientByCode("2598")).map(Ingredient::name).hasValue("clonazepam");
        assertThat(knowledge.ingredientByCode("6470")).map(Ingredient::name).hasValue("lorazepam");
        assertThat(knowledge.ingredientByCode("596")).map(Ingredient::name).hasValue("alprazolam");
        assertThat(knowledge.ingredient("Diazepam")).map(Ingredient::name).hasValue("diazepam");
        assertThat(knowledge.ingredient(null)).isEmpty();
    }

    @Test
    void listsTheTabletStrengthsOfOneFormForSaferDoses() {
        assertThat(knowledge.taperStrengths("diazepam", Product.ORAL_TABLET)).containsExactly(2.0, 5.0, 10.0);
        assertThat(knowledge.taperStrengths("clonazepam", Product.ORAL_TABLET)).containsExactly(0.5, 1.0, 2.0);
        assertThat(knowledge.taperStrengths("alprazolam", Product.ORAL_TABLET)).containsExactly(0.25, 0.5, 1.0, 2.0);
        // RxNorm 199275 lorazepam 2.5 MG Oral Tablet is in the table too.
        assertThat(knowledge.taperStrengths("lorazepam", Product.ORAL_TABLET)).containsExactly(0.5, 1.0, 2.0, 2.5);
        assertThat(knowledge.taperStrengths("midazolam", "injection mL")).isEmpty();
    }

    @Test
    void doesNotTreatInjectionsOrSolutionsAsCountableTaperTablets() {
        Product injection = knowledge.product("309845").orElseThrow();
        Product solution = knowledge.product("309843").orElseThrow();

        assertThat(injection.taperRegimen()).isFalse();
        assertThat(solution.taperRegimen()).isTrue();
        assertThat(solution.countable()).isFalse();
        assertThat(solution.strengthMg()).isEqualTo(1.0);
    }

    /** The data rows of a knowledge CSV: not blank, not a comment, not the header. */
    private static List<String> dataRows(Path file) throws IOException {
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        return rows.subList(1, rows.size());
    }
}
