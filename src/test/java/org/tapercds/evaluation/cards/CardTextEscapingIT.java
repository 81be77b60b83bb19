package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.ScenarioCalls;
import org.tapercds.evaluation.scenarios.Scenario;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text from the request reaches cards only as literal text: every free-text field of a scenario
 * (each {@code text}, {@code display} and {@code unit}) is replaced by an injection string, the
 * scenario is evaluated (an Observation's unit reaches no card: a result whose unit is not the
 * measure's is not judged), and every card is rendered as CommonMark (with GitHub tables): no raw
 * HTML, link, image, heading or code span may come from it, a table row keeps its cells, and the
 * injected text appears whole, in one paragraph or cell, on the card that shows that field.
 */
@SpringBootTest
class CardTextEscapingIT {

    static final String HTML_AND_LINKS =
            "Clonazepam <script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)>";
    static final String BLOCKS_AND_BREAKS =
            "x\r\n# Heading\r\nRule `x` version 9.9.9 | a | b |\n![i](http://e/x.png) **bold** _em_ <b>b</b> &lt; ~~s~~";

    private static final Parser MARKDOWN =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final ScenarioCalls calls;

    CardTextEscapingIT(@Autowired ApplicationContext context) {
        this.calls = new ScenarioCalls(context);
    }

    /** A scenario, and the card that shows the scenario's free text (which field that is, in words). */
    static Stream<Arguments> fields() {
        List<Arguments> cases = new ArrayList<>();
        for (String injection : List.of(HTML_AND_LINKS, BLOCKS_AND_BREAKS)) {
            cases.add(Arguments.of(
                    "dose-quality/scenarios/fires-text-only-dosage.json",
                    "dose-unassessable",
                    "medicationCodeableConcept.text",
                    injection));
            cases.add(Arguments.of(
                    "opioid/scenarios/fires-active-oxycodone-drafted-diazepam.json",
                    "opioid-co-prescription",
                    "an opioid's text",
                    injection));
            cases.add(Arguments.of(
                    "alcohol/scenarios/fires-condition-icd10-f10-20-active.json",
                    "alcohol-co-use",
                    "Condition.code.text",
                    injection));
            cases.add(Arguments.of(
                    "dose-quality/scenarios/fires-unknown-unit.json",
                    "dose-unassessable",
                    "a dose quantity's unit",
                    injection));
            cases.add(Arguments.of(
                    "withdrawal/scenarios/fires-escalating-two-new-signs-since-reduction.json",
                    "withdrawal-escalating",
                    "an Observation's text",
                    injection));
            cases.add(Arguments.of(
                    "withdrawal/scenarios/fires-severe-seizure-condition-within-30-days.json",
                    "withdrawal-severe",
                    "a Condition's text (summary)",
                    injection));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{2} in {0}: {3}")
    @MethodSource("fields")
    void requestTextRendersAsPlainText(String file, String category, String field, String injection) {
        Scenario scenario = calls.scenario(file);
        JsonNode request = scenario.request().deepCopy();
        inject(request, injection, field.endsWith("unit"));
        Evaluation evaluation = calls.evaluate(scenario, request);

        // Rendered, an escaped value reads as the text itself with its white space collapsed (a
        // unit is quoted shortened to 57 characters and "...").
        String quoted = field.endsWith("unit") ? injection.substring(0, 57) + "..." : injection;
        String literal = quoted.replaceAll("\\s+", " ").strip();
        Card card = evaluation.wireCards().stream()
                .filter(c -> c.source().topic().code().equals(category))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + category + " card for " + field));
        List<String> blocks = new ArrayList<>();
        for (Card any : evaluation.wireCards()) {
            blocks.addAll(checkedBlocks(any.summary(), any));
            blocks.addAll(checkedBlocks(any.detail(), any));
            if (any.suggestions() != null) {
                any.suggestions().forEach(s -> blocks.addAll(checkedBlocks(s.label(), any)));
            }
        }
        List<String> own = new ArrayList<>(checkedBlocks(card.summary(), card));
        own.addAll(checkedBlocks(card.detail(), card));
        assertThat(own)
                .as("%s reaches the %s card whole, as literal text in one block", field, category)
                .anyMatch(block -> block.contains(literal));
        assertThat(blocks).as("every card was rendered").isNotEmpty();
    }

    /**
     * Replaces every free-text value of the request's resources: each text, display and unit (and,
     * with {@code units}, a Quantity's unit code too).
     */
    private static void inject(JsonNode node, String injection, boolean units) {
        if (node instanceof ObjectNode object) {
            boolean quantity = units && object.has("value") && object.has("unit");
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString()
                        && (List.of("text", "display", "unit").contains(name) || quantity && name.equals("code"))) {
                    object.put(name, injection);
                } else {
                    inject(value, injection, units);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> inject(child, injection, units));
        }
    }

    /**
     * Parses a card text as CommonMark and returns the literal text of each paragraph and table
     * cell, failing on any construct no template writes: raw HTML, links, images, headings, hard
     * breaks, and code spans other than a rule id in the footer.
     */
    private static List<String> checkedBlocks(String markdown, Card card) {
        List<String> blocks = new ArrayList<>();
        MARKDOWN.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline html) {
                throw new AssertionError("raw HTML in " + card.source().topic().code() + ": " + html.getLiteral());
            }

            @Override
            public void visit(HtmlBlock html) {
                throw new AssertionError(
                        "an HTML block in " + card.source().topic().code());
            }

            @Override
            public void visit(Link link) {
                throw new AssertionError("a link in " + card.source().topic().code() + ": " + link.getDestination());
            }

            @Override
            public void visit(Image image) {
                throw new AssertionError("an image in " + card.source().topic().code());
            }

            @Override
            public void visit(Heading heading) {
                throw new AssertionError("a heading in " + card.source().topic().code());
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                throw new AssertionError(
                        "a hard line break in " + card.source().topic().code());
            }

            @Override
            public void visit(Code code) {
                assertThat(code.getLiteral())
                        .as("a code span is only the footer's rule id")
                        .matches("[a-z-]+");
            }

            @Override
            public void visit(Paragraph paragraph) {
                blocks.add(text(paragraph));
                visitChildren(paragraph);
            }

            @Override
            public void visit(CustomNode node) {
                if (node instanceof TableCell cell) {
                    blocks.add(text(cell));
                }
                visitChildren(node);
            }
        });
        return blocks;
    }

    private static String text(Node block) {
        StringBuilder text = new StringBuilder();
        block.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak node) {
                text.append('\n');
            }
        });
        return text.toString();
    }
}
