package org.tapercds.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Doses the strengths of a drug can make (RULES §3): a daily total split over the administrations
 * of a day, each administration a sum of whole units of the drug's oral products in one form.
 */
public final class Makeable {

    private static final double TOLERANCE = 1e-6;

    /**
     * The order products are preferred in when several make a dose: the larger strength (fewer
     * tablets), then the generic clinical drug before a branded one, then by code.
     */
    static final Comparator<Product> PREFERENCE = Comparator.comparing(Product::strengthMg)
            .reversed()
            .thenComparing(p -> p.display().contains("["))
            .thenComparing(Product::rxnormCode);

    private Makeable() {}

    /**
     * The doses one unit of a product gives: a whole tablet or capsule, and half a tablet where the
     * tablet is scored ({@code scored} in {@code rules/knowledge/products.csv}).
     */
    static List<Double> unitDoses(Product product) {
        return product.scored()
                ? List.of(product.strengthMg() / 2, product.strengthMg())
                : List.of(product.strengthMg());
    }

    /**
     * The form a proposal is written in: the draft product's form when the drug has countable oral
     * products in it, else oral tablets, else oral capsules; null when the drug has none.
     */
    public static String form(DrugKnowledge knowledge, String ingredient, Product draftProduct) {
        List<String> candidates = new ArrayList<>();
        if (draftProduct != null) {
            candidates.add(draftProduct.form());
        }
        candidates.add(Product.ORAL_TABLET);
        candidates.add("oral capsule");
        for (String form : candidates) {
            if (!products(knowledge, ingredient, form).isEmpty()) {
                return form;
            }
        }
        return null;
    }

    /** The countable oral (or sublingual) products of a drug in one form. */
    public static List<Product> products(DrugKnowledge knowledge, String ingredient, String form) {
        return knowledge.products().stream()
                .filter(p -> ingredient.equals(p.ingredient())
                        && p.taperRegimen()
                        && p.countable()
                        && p.strengthMg() != null
                        && p.form().equals(form))
                .sorted(Comparator.comparing(Product::strengthMg).thenComparing(Product::rxnormCode))
                .toList();
    }

    /** The distinct unit doses (mg) of those products, ascending. */
    public static List<Double> unitDoses(List<Product> products) {
        return products.stream()
                .flatMap(p -> unitDoses(p).stream())
                .distinct()
                .sorted()
                .toList();
    }

    /** The smallest makeable daily dose at or above {@code targetMg} (empty when there is none). */
    public static Optional<SaferDose> atLeast(double targetMg, List<Double> unitDoses, int administrations) {
        return SaferDose.of(Math.max(targetMg, TOLERANCE), unitDoses, administrations);
    }

    /** {@code mgPerDay} itself, split over the administrations, when the strengths make it. */
    public static Optional<SaferDose> exactly(double mgPerDay, List<Double> unitDoses, int administrations) {
        return atLeast(mgPerDay - TOLERANCE, unitDoses, administrations)
                .filter(d -> Math.abs(d.mgPerDay() - mgPerDay) < 1e-4);
    }

    /**
     * The daily totals written with one product: the draft's when it makes every total at the
     * administrations per day in whole units, else the one with the largest strength that does (so
     * the order can name it); empty when no single product makes them all.
     */
    public static Optional<Written> oneProduct(
            List<Double> totalsMg, int administrations, List<Product> products, Product preferred) {
        List<Product> candidates = new ArrayList<>();
        if (preferred != null && products.contains(preferred)) {
            candidates.add(preferred);
        }
        products.stream().sorted(PREFERENCE).forEach(candidates::add);
        for (Product product : candidates) {
            List<SaferDose> doses = new ArrayList<>();
            for (double total : totalsMg) {
                exactly(total, unitDoses(product), administrations).ifPresent(doses::add);
            }
            if (doses.size() == totalsMg.size()) {
                return Optional.of(new Written(product, doses));
            }
        }
        return Optional.empty();
    }

    /** Doses written with one product, in the order of the totals asked for. */
    public record Written(Product product, List<SaferDose> doses) {}
}
