package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/** A value escaped for CommonMark renders as exactly its text (white space collapsed), nothing else. */
class MarkdownTextTests {

    private static final Parser MARKDOWN =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /** Characters that open Markdown structure, and some that do not. */
    private static final String ALPHABET = "ab1 .-+=#*_`[]()<>!|&~\\\r\n\t:/;\"'{}^$%@0123456789";

    @Test
    void leavesPlainValuesAsTheyAre() {
        for (String plain : List.of(
                "lorazepam 1 MG Oral Tablet", "20", "33.3", "2026-11-24", "Alcohol dependence, uncomplicated")) {
            assertThat(MarkdownText.escape(plain)).isSameAs(plain);
        }
    }

    @Test
    void escapesWhatWouldBecomeStructure() {
        assertThat(MarkdownText.escape("<script>x</script> [a](javascript:b)"))
                .isEqualTo("\\<script\\>x\\</script\\> \\[a\\](javascript:b)");
        assertThat(MarkdownText.escape("# heading")).isEqualTo("\\# heading");
        assertThat(MarkdownText.escape("1. item")).isEqualTo("1\\. item");
        assertThat(MarkdownText.escape("1.5")).isEqualTo("1.5");
        assertThat(MarkdownText.escape("- item")).isEqualTo("\\- item");
        assertThat(MarkdownText.escape("-5")).isEqualTo("-5");
        assertThat(MarkdownText.escape("a\r\n\r\nRule `x` | y")).isEqualTo("a Rule \\`x\\` \\| y");
    }

    /** Generated values, placed as a line of text and as a table cell, render as their own text. */
    @Test
    void generatedValuesRenderAsTheirOwnText() {
        Random random = new Random(20261203);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int j = 0; j < length; j++) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String raw = value.toString();
            String expected = raw.replaceAll("[\\s]+", " ").strip();
            String escaped = MarkdownText.escape(raw);
            if (expected.isEmpty()) {
                assertThat(escaped).isEmpty();
                continue;
            }
            assertThat(rendered(escaped)).as("a line: %s", raw).isEqualTo(expected);
            assertThat(rendered("| h |\n|---|\n| " + escaped + " |"))
                    .as("a table cell: %s", raw)
                    .isEqualTo("h" + expected);
            assertThat(rendered("Before " + escaped + " after"))
                    .as("inside a line: %s", raw)
                    .isEqualTo("Before " + expected + " after");
        }
    }

    /** The text the blocks render to, concatenated; any node other than text fails. */
    private static String rendered(String markdown) {
        StringBuilder text = new StringBuilder();
        Node document = MARKDOWN.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak node) {
                text.append('\n');
            }

            @Override
            public void visit(Paragraph paragraph) {
                visitChildren(paragraph);
            }
        });
        return text.toString();
    }
}
