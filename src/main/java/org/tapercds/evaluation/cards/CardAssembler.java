package org.tapercds.evaluation.cards;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tapercds.fhir.HookRequest;
import org.tapercds.fhir.Terminology;
import org.tapercds.fhir.ValueSets;
import org.tapercds.rules.Advisory;
import org.tapercds.rules.CardWording;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleInfo;
import org.tapercds.rules.RuleOutcome;
import org.tapercds.timeline.PatientTimeline;

/**
 * Turns what the rules raised into CDS Hooks cards: one card per advisory category (the most severe
 * advisory leads, the others join its evidence), most severe card first. The wording is the
 * category's templates ({@code card.yaml} of its rule folder) rendered with the values its {@link
 * CardContent} supplies; this class adds the frame every card shares (source, topic, links to
 * the guideline and the rules, the patient's taper page in the console, override reasons, and a
 * footer naming each contributing rule and the rule base version).
 */
public final class CardAssembler {

    public static final String CATEGORY_SYSTEM = "http://taper-cds.org/fhir/CodeSystem/advisory-category";
    static final String SOURCE_LABEL = "taper-cds benzodiazepine taper safety";
    private static final String RULE_PATH = "/rules/";

    static final List<CardContent> CONTENTS = List.of(
            new ReductionCardContent(),
            new UnassessableCardContent(),
            new AlcoholCardContent(),
            new WithdrawalCardContent(),
            new OpioidCardContent());

    /** The kinds a {@code card.yaml} may name. */
    static final List<String> KINDS = CONTENTS.stream().map(CardContent::kind).toList();

    private final FhirContext fhirContext;
    private final String publicBaseUrl;
    private final PatientPageLink patientPage;

    public CardAssembler(FhirContext fhirContext, String publicBaseUrl) {
        this(fhirContext, publicBaseUrl, null);
    }

    /**
     * @param smartLaunchUrl the console's SMART launch URL ({@code taper.console.smart-launch-url});
     *     blank or null: the patient's taper page is linked as an absolute URL
     */
    public CardAssembler(FhirContext fhirContext, String publicBaseUrl, String smartLaunchUrl) {
        this.fhirContext = fhirContext;
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.patientPage = new PatientPageLink(this.publicBaseUrl, smartLaunchUrl);
    }

    public List<IssuedCard> cards(
            HookRequest request, RuleBase ruleBase, PatientTimeline timeline, List<Object> facts, RuleOutcome outcome) {
        Map<String, List<Advisory>> byCategory = new LinkedHashMap<>();
        for (Advisory advisory : outcome.advisories()) {
            byCategory
                    .computeIfAbsent(advisory.category(), k -> new ArrayList<>())
                    .add(advisory);
        }
        CardContext context = new CardContext(request, ruleBase, timeline, fhirContext, facts, outcome);
        List<List<Advisory>> groups = new ArrayList<>();
        for (List<Advisory> group : byCategory.values()) {
            CardContent content = contentFor(group.get(0));
            for (Advisory advisory : group) {
                if (!content.handles(advisory.evidence())) {
                    throw new IllegalStateException("category " + advisory.category()
                            + " mixes evidence types; its rules must raise the same kind of fact");
                }
            }
            group.sort(Comparator.comparing(Advisory::indicator)
                    .reversed()
                    .thenComparing(Advisory::evidence, content.evidenceOrder()));
            groups.add(group);
        }
        groups.sort(Comparator.comparing((List<Advisory> g) -> g.get(0).indicator())
                .reversed()
                .thenComparing(g -> g.get(0).category()));
        List<IssuedCard> cards = new ArrayList<>();
        for (List<Advisory> group : groups) {
            cards.add(new IssuedCard(card(group, context), List.copyOf(group)));
        }
        return cards;
    }

    private Card card(List<Advisory> group, CardContext context) {
        Advisory lead = group.get(0);
        RuleInfo rule = lead.rule();
        CardContent content = contentFor(lead);
        RuleBase ruleBase = context.ruleBase();
        CardWording.Category wording = ruleBase.cardWording().of(rule.category());
        if (!wording.kind().equals(content.kind())) {
            throw new IllegalStateException("the wording of " + rule.category() + " (" + wording.file() + ") is for a "
                    + wording.kind() + " card, but rule " + rule.id() + " raised evidence of a " + content.kind()
                    + " card");
        }
        Terminology terminology = ruleBase.terminology();
        Object view = content.view(group, context);
        List<Card.Suggestion> suggestions = content.suggestions(group, context, view);
        // Every rule that contributed to the card is named and linked, the lead first.
        List<RuleInfo> rules = group.stream().map(Advisory::rule).distinct().toList();
        List<Card.Link> links = new ArrayList<>();
        for (RuleInfo contributing : rules) {
            if (contributing.link() != null
                    && links.stream().noneMatch(l -> l.url().equals(contributing.link()))) {
                links.add(new Card.Link(shortCitation(contributing.citation()), contributing.link(), "absolute"));
            }
        }
        for (RuleInfo contributing : rules) {
            links.add(new Card.Link(
                    "Rule " + contributing.id() + " " + contributing.version() + " (taper-cds)",
                    ruleUrl(contributing),
                    "absolute"));
        }
        if (context.request().patientId() != null) {
            links.add(patientPage.link(context.request().patientId()));
        }
        StringBuilder detail = new StringBuilder(context.render(rule.category(), "detail", view)).append("\n");
        for (RuleInfo contributing : rules) {
            detail.append("\nRule `")
                    .append(contributing.id())
                    .append("` version ")
                    .append(contributing.version())
                    .append(". Source: ")
                    .append(contributing.citation())
                    .append('.');
        }
        // The rule base's content hash: which files wrote this card (as in the stored alert and /admin/rules).
        detail.append("\nRule base ").append(context.ruleBase().version()).append('.');
        context.request().leftOut().forEach((key, count) -> detail.append("\n\nOnly the ")
                .append("most recent entries of prefetch `")
                .append(key.key())
                .append("` were evaluated: ")
                .append(count)
                .append(count == 1 ? " older entry was" : " older entries were")
                .append(" left out (the call sent more than taper.limits.max-entries-per-key)."));
        return new Card(
                uuid(context.request().hookInstance(), rule.category()),
                Format.summary(context.render(rule.category(), "summary", view)),
                detail.toString(),
                lead.indicator().wireName(),
                new Card.Source(
                        SOURCE_LABEL,
                        ruleUrl(rule),
                        new Card.Coding(
                                CATEGORY_SYSTEM,
                                rule.category(),
                                terminology
                                        .display(CATEGORY_SYSTEM, rule.category())
                                        .orElse(null))),
                suggestions,
                suggestions.isEmpty() ? null : "at-most-one",
                overrideReasons(wording, terminology),
                links);
    }

    /** The category's override reasons, in its order; without a list, the whole ValueSet. */
    private static List<Card.Coding> overrideReasons(CardWording.Category wording, Terminology terminology) {
        return terminology.members(ValueSets.OVERRIDE_REASONS).stream()
                .filter(c -> wording.overrideReasons().isEmpty()
                        || wording.overrideReasons().contains(c.code()))
                .sorted(Comparator.comparingInt(c -> wording.overrideReasons().indexOf(c.code())))
                .map(c -> new Card.Coding(c.system(), c.code(), c.display()))
                .toList();
    }

    /** The content of a kind of card, by the name a {@code card.yaml} gives it. */
    static Optional<CardContent> content(String kind) {
        return CONTENTS.stream().filter(c -> c.kind().equals(kind)).findFirst();
    }

    /** The content that writes cards for this evidence; a rule raising evidence without one is a bug. */
    private static CardContent contentFor(Advisory advisory) {
        return CONTENTS.stream()
                .filter(c -> c.handles(advisory.evidence()))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("rule " + advisory.rule().id()
                                + " raised evidence no card is written for: "
                                + advisory.evidence().getClass().getSimpleName()));
    }

    private String ruleUrl(RuleInfo rule) {
        return publicBaseUrl + RULE_PATH + rule.id();
    }

    /** Stable per call and category, so feedback and a retried call refer to the same card. */
    static String uuid(String hookInstance, String category) {
        return UUID.nameUUIDFromBytes((hookInstance + "|" + category).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String shortCitation(String citation) {
        int colon = citation.indexOf(':');
        return colon > 0 ? citation.substring(0, colon) : citation;
    }
}
