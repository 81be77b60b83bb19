package org.tapercds.hooks.cards;

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
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleInfo;
import org.tapercds.timeline.PatientTimeline;

/**
 * Turns what the rules raised into CDS Hooks cards: one card per advisory category (the most severe
 * advisory leads, the others join its evidence), most severe card first.
 */
public final class CardAssembler {

    public static final String CATEGORY_SYSTEM = "http://taper-cds.org/fhir/CodeSystem/advisory-category";
    public static final String OVERRIDE_REASONS = ValueSets.OVERRIDE_REASONS;
    static final String SOURCE_LABEL = "taper-cds benzodiazepine taper safety";
    private static final String RULE_PATH = "/rules/";

    private final List<CardContent> contents = List.of(
            new ReductionCardContent(),
            new UnassessableCardContent(),
            new AlcoholCardContent(),
            new WithdrawalCardContent(),
            new OpioidCardContent());
    private final FhirContext fhirContext;
    private final String publicBaseUrl;

    public CardAssembler(FhirContext fhirContext, String publicBaseUrl) {
        this.fhirContext = fhirContext;
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public List<Card> cards(
            HookRequest request,
            RuleBase ruleBase,
            PatientTimeline timeline,
            List<Object> facts,
            List<Advisory> advisories) {
        Map<String, List<Advisory>> byCategory = new LinkedHashMap<>();
        for (Advisory advisory : advisories) {
            byCategory
                    .computeIfAbsent(advisory.category(), k -> new ArrayList<>())
                    .add(advisory);
        }
        CardContext context = new CardContext(request, ruleBase, timeline, fhirContext, facts, advisories);
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
        List<Card> cards = new ArrayList<>();
        for (List<Advisory> group : groups) {
            cards.add(card(group, context));
        }
        return cards;
    }

    private Card card(List<Advisory> group, CardContext context) {
        Advisory lead = group.get(0);
        RuleInfo rule = lead.rule();
        CardContent content = contentFor(lead);
        Terminology terminology = context.ruleBase().terminology();
        Card.Coding topic = new Card.Coding(
                CATEGORY_SYSTEM,
                rule.category(),
                terminology.display(CATEGORY_SYSTEM, rule.category()).orElse(null));
        List<Card.Suggestion> suggestions = content.suggestions(group, context);
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
        List<Card.Coding> overrideReasons = terminology.members(OVERRIDE_REASONS).stream()
                .map(c -> new Card.Coding(c.system(), c.code(), c.display()))
                .toList();
        StringBuilder detail = new StringBuilder(content.detail(group, context)).append("\n");
        for (RuleInfo contributing : rules) {
            detail.append("\nRule `")
                    .append(contributing.id())
                    .append("` version ")
                    .append(contributing.version())
                    .append(". Source: ")
                    .append(contributing.citation())
                    .append('.');
        }
        return new Card(
                uuid(context.request().hookInstance(), rule.category()),
                content.summary(group, context),
                detail.toString(),
                lead.indicator().wireName(),
                new Card.Source(SOURCE_LABEL, ruleUrl(rule), topic),
                suggestions,
                suggestions.isEmpty() ? null : "at-most-one",
                overrideReasons,
                links);
    }

    /** The content that writes cards for this evidence; a rule raising evidence without one is a bug. */
    private CardContent contentFor(Advisory advisory) {
        return contents.stream()
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

    /**
     * The id of the rule that leads a card, read back from its {@code source.url} (the rule page
     * this assembler points it to); empty for a card not made here.
     */
    public static Optional<String> ruleId(Card card) {
        String url = card.source() == null ? null : card.source().url();
        int at = url == null ? -1 : url.lastIndexOf(RULE_PATH);
        if (at < 0 || at + RULE_PATH.length() == url.length()) {
            return Optional.empty();
        }
        return Optional.of(url.substring(at + RULE_PATH.length()));
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
