package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The link to the patient's taper page: absolute by default, a SMART launch when configured. */
class PatientPageLinkTests {

    @Test
    void linksThePatientsTaperPageUnderThePublicBaseUrl() {
        Card.Link link = new PatientPageLink("https://cds.example.org", null).link("pat-1");

        assertThat(link)
                .isEqualTo(new Card.Link(
                        "Taper chart and alerts for this patient",
                        "https://cds.example.org/review/patients/pat-1",
                        "absolute"));
    }

    @Test
    void percentEncodesThePatientIdAsOnePathSegment() {
        Card.Link link = new PatientPageLink("https://cds.example.org", " ").link("a b/c?d+é");

        assertThat(link.url()).isEqualTo("https://cds.example.org/review/patients/a%20b%2Fc%3Fd%2B%C3%A9");
        assertThat(link.type()).isEqualTo("absolute");
    }

    @Test
    void isASmartLinkWithThePatientInItsAppContextWhenALaunchUrlIsConfigured() {
        Card.Link link =
                new PatientPageLink("https://cds.example.org", "https://cds.example.org/review/launch").link("pat\"1");

        assertThat(link.type()).isEqualTo("smart");
        assertThat(link.url()).isEqualTo("https://cds.example.org/review/launch");
        assertThat(link.appContext()).isEqualTo("{\"patient\":\"pat\\\"1\"}");
    }
}
