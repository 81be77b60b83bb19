package org.tapercds.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code preview --accept}: rewrites the {@code expect} block of each changed scenario of the
 * candidate whose expectations fail, to the cards the candidate shows ({@link Expectations}). Only
 * the text of the block is replaced, written as the files are (two-space indentation, {@code "key":
 * value}, {@code []} for an empty list); the rest of the file (description, now, service, request,
 * line ends) stays byte for byte, and a file with nothing to change is not written.
 */
public final class ExpectationWriter {

    private static final String NEWLINE = "\n";

    private final ObjectMapper json;
    private final ObjectWriter writer;

    public ExpectationWriter(ObjectMapper json) {
        this.json = json;
        DefaultIndenter indenter = new DefaultIndenter("  ", NEWLINE);
        this.writer = json.writer()
                .with(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                                .withObjectEmptySeparator("")
                                .withArrayEmptySeparator(""))
                        .withObjectIndenter(indenter)
                        .withArrayIndenter(indenter));
    }

    /** A scenario file rewritten. */
    public record Accepted(String scenario, Path file) {}

    /**
     * Rewrites the changed, failing scenarios of the candidate.
     *
     * @return the files written, in the library's order
     * @throws IOException when a file cannot be read or written (those before it are written)
     */
    public List<Accepted> accept(ImpactPreview.Preview preview) throws IOException {
        List<Accepted> written = new ArrayList<>();
        for (Comparison comparison : preview.comparisons()) {
            if (!comparison.from().equals(Comparison.CANDIDATE)
                    || comparison.errorAfter() != null
                    || comparison.candidateResult().passed()
                    || !comparison.changed()) {
                continue;
            }
            Path file = comparison.scenario().file();
            String text = Files.readString(file);
            String rewritten = rewrite(text, comparison.before(), comparison.after());
            if (!rewritten.equals(text)) {
                Files.writeString(file, rewritten);
                written.add(new Accepted(comparison.scenario().name(), file));
            }
        }
        return written;
    }

    /** The scenario text with its {@code expect} block updated; the same text when nothing changes. */
    String rewrite(String text, List<Comparison.ShownCard> before, List<Comparison.ShownCard> after) {
        int[] span = expectSpan(text);
        ObjectNode expect = (ObjectNode) json.readTree(text.substring(span[0], span[1]));
        ObjectNode updated = Expectations.updated(expect, before, after);
        if (updated.equals(expect)) {
            return text;
        }
        int lineStart = text.lastIndexOf('\n', span[0]) + 1;
        int indentEnd = lineStart;
        while (text.charAt(indentEnd) == ' ' || text.charAt(indentEnd) == '\t') {
            indentEnd++;
        }
        String lineEnd = text.contains("\r\n") ? "\r\n" : NEWLINE;
        String block =
                writer.writeValueAsString(updated).replace(NEWLINE, lineEnd + text.substring(lineStart, indentEnd));
        return text.substring(0, span[0]) + block + text.substring(span[1]);
    }

    /** Where the top-level {@code expect} object starts and ends (exclusive) in the text. */
    private int[] expectSpan(String text) {
        try (JsonParser parser = json.createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("expect") && value == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    return new int[] {start, (int) parser.currentTokenLocation().getCharOffset() + 1};
                }
                parser.skipChildren();
            }
        }
        throw new IllegalArgumentException("no expect object");
    }
}
