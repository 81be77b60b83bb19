package org.tapercds.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tapercds.admin.Comparison.ShownCard;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code preview --accept}'s rewrite of a scenario's {@code expect} block: only what fails on the
 * candidate changes, written as the scenario files are, and the rest of the file stays byte for byte.
 */
class ExpectationWriterTests {

    private static final String TAPER = "taper-rate-exceeded";

    private final ExpectationWriter writer =
            new ExpectationWriter(JsonMapper.builder().build());

    private static String label(String mgPerDay) {
        return "Change diazepam to " + mgPerDay + " mg/day from 2026-11-22, then review before the next step";
    }

    private static ShownCard card(String category, String indicator, String suggestion) {
        return new ShownCard(category, category, indicator, suggestion, null, suggestion == null ? null : "action");
    }

    /** A scenario file as the library writes them, with a request in another style that must survive. */
    private static String scenario(String expect) {
        return "{\n  \"description\": \"Why – in a sentence.\",\n  \"now\": \"2026-11-22T10:00:00Z\",\n"
                + "  \"service\": \"benzo-taper-order-sign\",\n  \"request\": {\"hook\":\"order-sign\", \"x\" : [ 1,2 ]},\n"
                + "  \"expect\": " + expect + "\n}\n";
    }

    @Test
    void replacesTheNumbersThatChangedInAnExpectedSuggestion() {
        assertThat(Expectations.corresponding("15 mg/day", label("15"), label("16")))
                .isEqualTo("16 mg/day");
        assertThat(Expectations.corresponding("2.25 mg/day", label("2.25"), label("2.5")))
                .isEqualTo("2.5 mg/day");
        assertThat(Expectations.corresponding(label("21"), label("21"), label("22.5")))
                .isEqualTo(label("22.5"));
        assertThat(
                        Expectations.corresponding(
                                "22.5 mg once daily of clorazepate dipotassium 22.5 MG Oral Tablet",
                                "22.5 mg once daily of clorazepate dipotassium 22.5 MG Oral Tablet from 2026-11-22: keeps 75 %",
                                "26.25 mg once daily of clorazepate dipotassium 3.75 MG Oral Tablet from 2026-11-22: keeps 80 %"))
                .isEqualTo("26.25 mg once daily of clorazepate dipotassium 3.75 MG Oral Tablet");
        // "1.5" inside "11.5": the number cut by the expectation is taken whole
        assertThat(Expectations.corresponding("1.5 mg/day", label("11.5"), label("12")))
                .isEqualTo("12 mg/day");
    }

    @Test
    void widensAnExpectationToTheChangedWordsOrTakesTheWholeNewLabel() {
        String was = "Change clonazepam to 0.75 mg/day from 2026-11-22, then review before the next step";
        String now = "Keep clonazepam at 1 mg/day, then review before the next step";

        String widened = Expectations.corresponding("0.75 mg/day", was, now);

        assertThat(now).contains(widened);
        assertThat(widened).contains("1 mg/day").isNotEqualTo(now);
        assertThat(Expectations.corresponding("naloxone", "Keep", now)).isEqualTo(now);
        assertThat(Expectations.corresponding("naloxone", null, now)).isEqualTo(now);
    }

    @Test
    void rewritesOnlyTheExpectBlockAndOnlyWhatFails() {
        String text = scenario(
                """
                {
                    "cards": [
                      {
                        "category": "taper-rate-exceeded",
                        "indicator": "warning",
                        "suggestion": "30 mg/day"
                      }
                    ],
                    "absent": [
                      "abrupt-discontinuation"
                    ]
                  }""");

        String rewritten = writer.rewrite(
                text, List.of(card(TAPER, "warning", label("30"))), List.of(card(TAPER, "critical", label("32"))));

        assertThat(rewritten)
                .isEqualTo(
                        scenario(
                                """
                        {
                            "cards": [
                              {
                                "category": "taper-rate-exceeded",
                                "indicator": "critical",
                                "suggestion": "32 mg/day"
                              }
                            ],
                            "absent": [
                              "abrupt-discontinuation"
                            ]
                          }"""));
    }

    @Test
    void leavesAFileWhoseExpectationsHoldAsItIs() {
        String text = scenario("{\n    \"cards\": [],\n    \"rules\": [\"dependence-not-likely\"]\n  }");

        assertThat(writer.rewrite(text, List.of(), List.of())).isSameAs(text);
    }

    @Test
    void addsAnAppearingCardAndTakesItsCategoryOutOfAbsent() {
        String text = scenario(
                """
                {
                    "cards": [],
                    "absent": [
                      "taper-rate-exceeded"
                    ]
                  }""");

        String rewritten = writer.rewrite(text, List.of(), List.of(card(TAPER, "warning", label("16"))));

        assertThat(rewritten)
                .isEqualTo(
                        scenario(
                                """
                        {
                            "cards": [
                              {
                                "category": "taper-rate-exceeded",
                                "indicator": "warning"
                              }
                            ]
                          }"""));
    }

    @Test
    void dropsADisappearingCardAndKeepsTheOthersWithTheirKeys() {
        String text = scenario(
                """
                {
                    "cards": [
                      {
                        "category": "withdrawal-severe",
                        "indicator": "critical",
                        "suggestion": "Keep"
                      },
                      {
                        "category": "taper-rate-exceeded",
                        "indicator": "warning",
                        "suggestion": null
                      }
                    ],
                    "oneProposal": true
                  }""");

        String rewritten = writer.rewrite(
                text,
                List.of(card("withdrawal-severe", "critical", "Keep it"), card(TAPER, "warning", null)),
                List.of(card("withdrawal-severe", "critical", "Keep it")));

        assertThat(rewritten)
                .isEqualTo(
                        scenario(
                                """
                        {
                            "cards": [
                              {
                                "category": "withdrawal-severe",
                                "indicator": "critical",
                                "suggestion": "Keep"
                              }
                            ],
                            "oneProposal": true
                          }"""));
    }

    @Test
    void writesNullForASuggestionThatIsGoneAndTheLabelForOneThatCame() {
        String text = scenario(
                """
                {
                    "cards": [
                      {
                        "category": "abrupt-discontinuation",
                        "indicator": "critical",
                        "suggestion": "1.5 mg/day",
                        "action": "1.5 mg"
                      },
                      {
                        "category": "taper-rate-exceeded",
                        "indicator": "warning",
                        "suggestion": null
                      }
                    ]
                  }""");

        String rewritten = writer.rewrite(
                text,
                List.of(card("abrupt-discontinuation", "critical", label("1.5")), card(TAPER, "warning", null)),
                List.of(card("abrupt-discontinuation", "critical", null), card(TAPER, "warning", label("16"))));

        assertThat(rewritten)
                .isEqualTo(scenario(
                        """
                        {
                            "cards": [
                              {
                                "category": "abrupt-discontinuation",
                                "indicator": "critical",
                                "suggestion": null
                              },
                              {
                                "category": "taper-rate-exceeded",
                                "indicator": "warning",
                                "suggestion": "%s"
                              }
                            ]
                          }"""
                                .formatted(label("16"))));
    }

    @Test
    void keepsWindowsLineEnds() {
        String text = scenario(
                        """
                        {
                            "cards": [
                              {
                                "category": "taper-rate-exceeded",
                                "indicator": "warning"
                              }
                            ]
                          }""")
                .replace("\n", "\r\n");

        String rewritten =
                writer.rewrite(text, List.of(card(TAPER, "warning", null)), List.of(card(TAPER, "critical", null)));

        assertThat(rewritten).isEqualTo(text.replace("\"warning\"", "\"critical\""));
    }
}
