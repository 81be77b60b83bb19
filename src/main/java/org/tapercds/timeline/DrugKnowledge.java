package org.tapercds.timeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tapercds.system.CsvFormatException;
import org.tapercds.system.CsvRow;

/**
 * The drug knowledge table under {@code rules/knowledge/}: ingredients with their equivalence
 * factors ({@code ingredients.csv}) and RxNorm products with strengths ({@code products.csv}).
 * Immutable once loaded; a malformed table is refused with file and line. Bound to the RxNorm codes
 * the benzodiazepine and Z-drug value set admits ({@link #admitting}), it also knows which codes it
 * should know but does not (RULES §7: such orders are unassessable, never left out).
 */
public final class DrugKnowledge {

    public static final String INGREDIENTS = "ingredients.csv";
    public static final String PRODUCTS = "products.csv";

    private final Map<String, Ingredient> ingredientsByName;
    private final Map<String, Ingredient> ingredientsByCode;
    private final Map<String, Ingredient> ingredientsByOralForm;
    private final Map<String, Product> productsByCode;
    /** RxNorm codes of the benzodiazepine and Z-drug value set; empty until {@link #admitting}. */
    private final Set<String> admitted;
    /** Strengths per ingredient and form ({@link Product#form()}), for safer-dose suggestions. */
    private final Map<String, List<Double>> taperStrengths;

    private final List<Ingredient> ingredientList;
    private final List<Product> productList;

    private DrugKnowledge(List<Ingredient> ingredients, List<Product> products, Set<String> admitted) {
        Map<String, Ingredient> byName = new LinkedHashMap<>();
        Map<String, Ingredient> byCode = new HashMap<>();
        Map<String, Ingredient> byForm = new HashMap<>();
        for (Ingredient ingredient : ingredients) {
            byName.put(ingredient.name(), ingredient);
            if (ingredient.rxnormCode() != null) {
                byCode.put(ingredient.rxnormCode(), ingredient);
            }
            if (ingredient.oralForm() != null && ingredient.oralForm().rxnormCode() != null) {
                byForm.put(ingredient.oralForm().rxnormCode(), ingredient);
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
        this.ingredientsByOralForm = Map.copyOf(byForm);
        this.productsByCode = Map.copyOf(productMap);
        this.taperStrengths = Map.copyOf(strengthLists);
        this.admitted = Set.copyOf(admitted);
        this.ingredientList = List.copyOf(ingredients);
        this.productList = List.copyOf(products);
    }

    public static DrugKnowledge of(List<Ingredient> ingredients, List<Product> products) {
        return new DrugKnowledge(ingredients, products, Set.of());
    }

    /**
     * The same table, bound to the RxNorm codes the benzodiazepine and Z-drug value set admits: an
     * order coded with one of them that the table does not know becomes unassessable instead of
     * being left out ({@link DrugIdentifier}).
     */
    public DrugKnowledge admitting(Collection<String> rxnormCodes) {
        return new DrugKnowledge(ingredientList, productList, Set.copyOf(rxnormCodes));
    }

    /** Whether the value set this table is bound to admits the RxNorm code ({@link #admitting}). */
    public boolean admits(String rxnormCode) {
        return rxnormCode != null && admitted.contains(rxnormCode);
    }

    /** Whether the table knows the RxNorm code: a product, an ingredient or an ingredient's oral form. */
    public boolean knows(String rxnormCode) {
        return productsByCode.containsKey(rxnormCode)
                || ingredientsByCode.containsKey(rxnormCode)
                || ingredientsByOralForm.containsKey(rxnormCode);
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
                        "oral_form_rxnorm",
                        "oral_form_display",
                        "source_note"))) {
            String name = row.required("ingredient").toLowerCase(Locale.ROOT);
            String formCode = row.optional("oral_form_rxnorm");
            String formDisplay = row.optional("oral_form_display");
            if (formCode != null && formDisplay == null) {
                throw row.error("oral_form_display is required with oral_form_rxnorm");
            }
            Ingredient ingredient = new Ingredient(
                    name,
                    row.optional("rxnorm_ingredient"),
                    row.required("drug_class"),
                    row.positiveOrNull("ashton_mg_eq_diazepam_10"),
                    row.positiveOrNull("vadod_mg_eq_diazepam_10"),
                    formDisplay == null ? null : new Ingredient.OralForm(formCode, formDisplay));
            if (names.putIfAbsent(name, ingredient) != null) {
                throw row.error("ingredient " + name + " is listed twice");
            }
            ingredients.add(ingredient);
        }
        List<Product> products = new ArrayList<>();
        Map<String, Product> codes = new HashMap<>();
        Path productFile = knowledgeDir.resolve(PRODUCTS);
        for (CsvRow row : CsvRow.read(
                productFile,
                List.of("rxnorm", "display", "ingredient", "strength_mg", "unit", "route", "scored", "note"))) {
            String ingredient = row.required("ingredient").toLowerCase(Locale.ROOT);
            if (!names.containsKey(ingredient)) {
                throw row.error("ingredient " + ingredient + " is not in " + INGREDIENTS);
            }
            Double strength = row.positiveOrNull("strength_mg");
            String route = row.required("route");
            String unit = row.optional("unit");
            String scored = row.optional("scored");
            if (scored != null && !"yes".equals(scored)) {
                throw row.error("scored must be yes or blank: " + scored);
            }
            if (scored != null && !"tablet".equals(unit)) {
                throw row.error("only a tablet can be scored");
            }
            Product product = new Product(
                    row.required("rxnorm"), row.required("display"), ingredient, strength, unit, route, scored != null);
            if (product.taperRegimen() && (strength == null || unit == null)) {
                throw row.error("strength_mg and unit are required for " + route + " products");
            }
            if (codes.putIfAbsent(product.rxnormCode(), product) != null) {
                throw row.error("RxNorm code " + product.rxnormCode() + " is listed twice");
            }
            products.add(product);
        }
        return new DrugKnowledge(ingredients, products, Set.of());
    }

    public Optional<Product> product(String rxnormCode) {
        return Optional.ofNullable(productsByCode.get(rxnormCode));
    }

    public Optional<Ingredient> ingredientByCode(String rxnormCode) {
        return Optional.ofNullable(ingredientsByCode.get(rxnormCode));
    }

    /** The ingredient whose oral form (RxNorm SCDF) has this code: an order naming no strength. */
    public Optional<Ingredient> ingredientByOralForm(String rxnormCode) {
        return Optional.ofNullable(ingredientsByOralForm.get(rxnormCode));
    }

    /**
     * The one ingredient of the table whose name is a word of the text (a display such as "temazepam
     * 12 MG Oral Tablet"); empty when none or several are.
     */
    public Optional<Ingredient> ingredientNamedIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Set<String> words = Set.of(text.toLowerCase(Locale.ROOT).split("[^a-z]+"));
        List<Ingredient> named = ingredientsByName.values().stream()
                .filter(i -> words.contains(i.name()))
                .toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** Every ingredient of the table, in file order. */
    public List<Ingredient> ingredients() {
        return ingredientList;
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
