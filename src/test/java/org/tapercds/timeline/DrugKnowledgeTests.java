package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RULES §1: the drug knowledge table under rules/knowledge and its refusal of malformed files. */
class DrugKnowledgeTests {

    private static final String INGREDIENT_HEADER =
            "ingredient,rxnorm_ingredient,drug_class,ashton_mg_eq_diazepam_10,vadod_mg_eq_diazepam_10,source_note";
    private static final String PRODUCT_HEADER = "rxnorm,display,ingredient,strength_mg,unit,route,note";

    private final DrugKnowledge knowledge = Requests.knowledge();

    // --- the project's table ---------------------------------------------------------------------

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

    // --- malformed tables ------------------------------------------------------------------------

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
                validProducts() + "197527,clonazepam 0.5 MG Oral Tablet,clonazepam,0.5,tablet,oral,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: RxNorm code 197527 is listed twice");
    }

    @Test
    void refusesADuplicateIngredientWithFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, validIngredients() + "Diazepam,3322,benzodiazepine,10,10,again\n", validProducts());

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("ingredients.csv") + ":5: ingredient diazepam is listed twice");
    }

    @Test
    void refusesAProductOfAnUnknownIngredientWithFileAndLine(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients(),
                validProducts() + "197900,lorazepam 0.5 MG Oral Tablet,lorazepam,0.5,tablet,oral,\n");

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
        write(dir, validIngredients() + "lorazepam,6470,benzodiazepine,one,2,typo\n", validProducts());

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("ingredients.csv") + ":5: ashton_mg_eq_diazepam_10 is not a number: one");
    }

    @Test
    void refusesANegativeStrengthWithFileAndLine(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients(),
                validProducts() + "197528,clonazepam 1 MG Oral Tablet,clonazepam,-1,tablet,oral,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: strength_mg must be a positive number: -1");
    }

    @Test
    void refusesAnOralProductWithoutStrengthWithFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, validIngredients(), validProducts() + "197528,clonazepam 1 MG Oral Tablet,clonazepam,,,oral,\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: strength_mg and unit are required for oral products");
    }

    @Test
    void refusesARowWithTheWrongNumberOfColumnsWithFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, validIngredients(), validProducts() + "197528,clonazepam 1 MG Oral Tablet,clonazepam,1,tablet\n");

        assertThatThrownBy(() -> DrugKnowledge.load(dir))
                .isInstanceOf(DrugKnowledgeException.class)
                .hasMessage(dir.resolve("products.csv") + ":4: expected 7 columns, found 5");
    }

    @Test
    void readsQuotedCellsWithCommas(@TempDir Path dir) throws IOException {
        write(
                dir,
                validIngredients() + "bromazepam,,benzodiazepine,5.5,,\"range 5-6, midpoint used\"\n",
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

    // --- helpers ---------------------------------------------------------------------------------

    /** Line 1 comment, line 2 header, lines 3–4 data. */
    private static String validIngredients() {
        return "# test ingredients\n"
                + INGREDIENT_HEADER
                + "\n"
                + "clonazepam,2598,benzodiazepine,0.5,1,test\n"
                + "diazepam,3322,benzodiazepine,10,10,test\n";
    }

    /** Line 1 header, lines 2–3 data. */
    private static String validProducts() {
        return PRODUCT_HEADER
                + "\n"
                + "197527,clonazepam 0.5 MG Oral Tablet,clonazepam,0.5,tablet,oral,\n"
                + "197589,diazepam 10 MG Oral Tablet,diazepam,10,tablet,oral,\n";
    }

    private static void write(Path dir, String ingredients, String products) throws IOException {
        Files.writeString(dir.resolve("ingredients.csv"), ingredients, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("products.csv"), products, StandardCharsets.UTF_8);
    }

    /** The data rows of a knowledge CSV: not blank, not a comment, not the header. */
    private static List<String> dataRows(Path file) throws IOException {
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        return rows.subList(1, rows.size());
    }
}
