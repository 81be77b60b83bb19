package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drug knowledge files: a well-formed table loads, a malformed one is refused with file and line. */
class DrugKnowledgeFilesTests {

    private static final String INGREDIENT_HEADER =
            "ingredient,rxnorm_ingredient,drug_class,ashton_mg_eq_diazepam_10,vadod_mg_eq_diazepam_10,source_note";
    private static final String PRODUCT_HEADER = "rxnorm,display,ingredient,strength_mg,unit,route,note";

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
}
