package org.tapercds.timeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.tapercds.system.CsvFormatException;
import org.tapercds.system.CsvRow;

/**
 * The drug knowledge table under {@code rules/knowledge/}: ingredients with their equivalence
 * factors ({@code ingredients.csv}) and RxNorm products with strengths ({@code products.csv}).
 * Immutable once loaded; a malformed table is refused with file and line.
 */
public final class DrugKnowledge {

    public static final String INGREDIENTS = "ingredients.csv";
    public static final String PRODUCTS = "products.csv";

    private final Map<String, Ingredient> ingredientsByName;
    private final Map<String, Ingredient> ingredientsByCode;
    private final Map<String, Product> productsByCode;
    /** Strengths per ingredient and form ({@link Product#form()}), for safer-dose suggestions. */
    private final Map<String, List<Double>> taperStrengths;

    private DrugKnowledge(List<Ingredient> ingredients, List<Product> products) {
        Map<String, Ingredient> byName = new LinkedHashMap<>();
        Map<String, Ingredient> byCode = new HashMap<>();
        for (Ingredient ingredient : ingredients) {
            byName.put(ingredient.name(), ingredient);
            if (ingredient.rxnormCode() != null) {
                byCode.put(ingredient.rxnormCode(), ingredient);
            }
        }
        Map<String, Product> productMap = new HashMap<>();
        Map<String, TreeSet<Double>> strengths = new HashMap<>();
        for (Product product : products) {
            productMap.put(product.rxnormCode(), product);
            if (product.taperRegimen() && product.countable()) {
                strengths
                        .computeIfAbsent(product.ingredient() + "|" + product.form(), k -> new TreeSet<>())
                        .add(product.strengthMg());
            }
        }
        Map<String, List<Double>> strengthLists = new HashMap<>();
        strengths.forEach((k, v) -> strengthLists.put(k, List.copyOf(v)));
        this.ingredientsByName = Collections.unmodifiableMap(byName);
        this.ingredientsByCode = Map.copyOf(byCode);
        this.productsByCode = Map.copyOf(productMap);
        this.taperStrengths = Map.copyOf(strengthLists);
    }

    public static DrugKnowledge of(List<Ingredient> ingredients, List<Product> products) {
        return new DrugKnowledge(ingredients, products);
    }

    /** Loads {@code ingredients.csv} and {@code products.csv} from the knowledge folder. */
    public static DrugKnowledge load(Path knowledgeDir) {
        try {
            return read(knowledgeDir);
        } catch (CsvFormatException e) {
            throw new DrugKnowledgeException(e.getMessage());
        }
    }

    private static DrugKnowledge read(Path knowledgeDir) {
        List<Ingredient> ingredients = new ArrayList<>();
        Map<String, Ingredient> names = new HashMap<>();
        Path ingredientFile = knowledgeDir.resolve(INGREDIENTS);
        for (CsvRow row : CsvRow.read(
                ingredientFile,
                List.of(
                        "ingredient",
                        "rxnorm_ingredient",
                        "drug_class",
                        "ashton_mg_eq_diazepam_10",
                        "vadod_mg_eq_diazepam_10",
                        "source_note"))) {
            String name = row.required("ingredient").toLowerCase(Locale.ROOT);
            Ingredient ingredient = new Ingredient(
                    name,
                    row.optional("rxnorm_ingredient"),
                    row.required("drug_class"),
                    row.positiveOrNull("ashton_mg_eq_diazepam_10"),
                    row.positiveOrNull("vadod_mg_eq_diazepam_10"));
            if (names.putIfAbsent(name, ingredient) != null) {
                throw row.error("ingredient " + name + " is listed twice");
            }
            ingredients.add(ingredient);
        }
        List<Product> products = new ArrayList<>();
        Map<String, Product> codes = new HashMap<>();
        Path productFile = knowledgeDir.resolve(PRODUCTS);
        for (CsvRow row : CsvRow.read(
                productFile, List.of("rxnorm", "display", "ingredient", "strength_mg", "unit", "route", "note"))) {
            String ingredient = row.required("ingredient").toLowerCase(Locale.ROOT);
            if (!names.containsKey(ingredient)) {
                throw row.error("ingredient " + ingredient + " is not in " + INGREDIENTS);
            }
            Double strength = row.positiveOrNull("strength_mg");
            String route = row.required("route");
            String unit = row.optional("unit");
            Product product =
                    new Product(row.required("rxnorm"), row.required("display"), ingredient, strength, unit, route);
            if (product.taperRegimen() && (strength == null || unit == null)) {
                throw row.error("strength_mg and unit are required for " + route + " products");
            }
            if (codes.putIfAbsent(product.rxnormCode(), product) != null) {
                throw row.error("RxNorm code " + product.rxnormCode() + " is listed twice");
            }
            products.add(product);
        }
        return new DrugKnowledge(ingredients, products);
    }

    public Optional<Product> product(String rxnormCode) {
        return Optional.ofNullable(productsByCode.get(rxnormCode));
    }

    public Optional<Ingredient> ingredientByCode(String rxnormCode) {
        return Optional.ofNullable(ingredientsByCode.get(rxnormCode));
    }

    public Optional<Ingredient> ingredient(String name) {
        return Optional.ofNullable(name == null ? null : ingredientsByName.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Strengths (mg) of the countable products of an ingredient in one form (e.g. immediate-release
     * oral tablets), ascending; empty if none.
     */
    public List<Double> taperStrengths(String ingredient, String form) {
        return taperStrengths.getOrDefault(ingredient + "|" + form, List.of());
    }

    /** Every product of the table. */
    public java.util.Collection<Product> products() {
        return productsByCode.values();
    }

    public int productCount() {
        return productsByCode.size();
    }

    public int ingredientCount() {
        return ingredientsByName.size();
    }
}
