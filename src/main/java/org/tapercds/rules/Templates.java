package org.tapercds.rules;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tapercds.system.MarkdownText;

/**
 * The one template dialect of the rule folders: logic-less Mustache (JMustache). Card wording
 * inserts every value through {@link MarkdownText#escape}, so nothing a value holds can become
 * Markdown structure; tags that would bypass that (unescaped {@code {{{x}}}} or {@code {{&x}}},
 * partials, delimiter changes) are refused. Rule headers and citations are rendered once per
 * rule base with the settings, strictly: a name that is not a setting is an error.
 */
public final class Templates {

    /**
     * Tags card wording may not use: unescaped values, partials, parents, blocks and delimiter changes
     * (JMustache skips every character up to U+0020 after the braces, so this does too).
     */
    private static final Pattern FORBIDDEN = Pattern.compile("\\{\\{[\\x00-\\x20]*([{&>=<$])");

    /**
     * Card wording at call time: a name the load-time check has not seen renders empty, never fails.
     * A section is false for false, null, 0 and an empty list. (Not {@code emptyStringIsFalse}:
     * JMustache tests it by formatting every section's value, i.e. calling a record's toString.)
     */
    static final Mustache.Compiler CARDS = Mustache.compiler()
            .withEscaper(MarkdownText::escape)
            .defaultValue("")
            .zeroIsFalse(true);

    private static final Mustache.Compiler STRICT =
            Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true);

    private Templates() {}

    /** Compiles card wording; the message of a refusal names the line within the template. */
    static Template card(String source) {
        Matcher forbidden = FORBIDDEN.matcher(source);
        if (forbidden.find()) {
            throw new MustacheException("line " + lineOf(source, forbidden.start()) + ": the tag {{"
                    + forbidden.group(1)
                    + " is not allowed in card wording (values are always escaped; no partials or delimiter changes)");
        }
        return CARDS.compile(source);
    }

    /** Renders a rule header or citation with the settings; a name that is not a setting fails. */
    static String withSettings(String source, Map<String, Object> settings) {
        return STRICT.compile(source).execute(settings);
    }

    /** The line (from 1) of a position in a template, for messages. */
    public static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
