package org.tapercds.evaluation.cards;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The link every card carries to the patient's taper page in the console ({@code
 * /review/patients/{id}}: the chart, every alert and feedback), so the prescriber opens it from the
 * EHR in one click. With a SMART launch URL configured the link is a CDS Hooks {@code smart} link
 * (the EHR launches the app with its own patient context and hands it {@code appContext});
 * otherwise an {@code absolute} URL under {@code taper.public-base-url}.
 */
final class PatientPageLink {

    static final String LABEL = "Taper chart and alerts for this patient";
    static final String PATH = "/review/patients/";

    private final String publicBaseUrl;
    private final String smartLaunchUrl;

    /** @param publicBaseUrl without a trailing slash */
    PatientPageLink(String publicBaseUrl, String smartLaunchUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.smartLaunchUrl = smartLaunchUrl == null || smartLaunchUrl.isBlank() ? null : smartLaunchUrl.strip();
    }

    Card.Link link(String patientId) {
        String page = PATH + encode(patientId);
        if (smartLaunchUrl == null) {
            return new Card.Link(LABEL, publicBaseUrl + page, "absolute");
        }
        // appContext is opaque to the EHR: the app reads which patient page to open from it.
        return new Card.Link(LABEL, smartLaunchUrl, "smart", "{\"patient\":\"" + jsonString(patientId) + "\"}");
    }

    /** One path segment: percent-encoded (a space is {@code %20}, a slash {@code %2F}). */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Escapes the characters JSON requires escaped; a FHIR id ([A-Za-z0-9\-.]) needs none. */
    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
