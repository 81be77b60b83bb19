package org.tapercds.timeline;

/**
 * An RxNorm clinical drug of the knowledge table.
 *
 * @param strengthMg mg of the benzodiazepine ingredient per {@code unit}
 * @param unit what a dose is counted in: tablet, capsule, film, mL, suppository, spray, pack
 * @param route oral, sublingual, buccal, nasal, rectal, injection
 * @param scored the US label describes the tablet as scored: it may be split in halves (false when
 *     not known to be scored; capsules, films, extended-release and disintegrating tablets never are)
 */
public record Product(
        String rxnormCode,
        String display,
        String ingredient,
        Double strengthMg,
        String unit,
        String route,
        boolean scored) {

    /** A product not known to be scored. */
    public Product(String rxnormCode, String display, String ingredient, Double strengthMg, String unit, String route) {
        this(rxnormCode, display, ingredient, strengthMg, unit, route, false);
    }

    /** The form of an immediate-release oral tablet, the default for doses ordered in mg. */
    public static final String ORAL_TABLET = "oral tablet";

    /** Oral and sublingual products are taper regimens; rescue and injectable products are not. */
    public boolean taperRegimen() {
        return "oral".equals(route) || "sublingual".equals(route);
    }

    /** A product counted in whole units (a tablet, a capsule), as opposed to a volume. */
    public boolean countable() {
        return unit != null && !"mL".equals(unit);
    }

    /** Route, unit and release: products of one form can be combined into a dose. */
    public String form() {
        boolean extended = display.contains("Extended Release");
        boolean disintegrating = display.contains("Disintegrating");
        return route + " " + unit + (extended ? " extended-release" : "") + (disintegrating ? " disintegrating" : "");
    }
}
