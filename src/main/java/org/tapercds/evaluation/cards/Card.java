package org.tapercds.evaluation.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A CDS Hooks 2.0 card. Empty optional fields are omitted, never {@code null}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(
        String uuid,
        String summary,
        String detail,
        String indicator,
        Source source,
        List<Suggestion> suggestions,
        String selectionBehavior,
        List<Coding> overrideReasons,
        List<Link> links) {

    /** The card's {@code source}; {@code topic} carries the advisory category. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Source(String label, String url, Coding topic) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Coding(String system, String code, String display) {}

    /**
     * A CDS Hooks 2.0 link: {@code type} {@code absolute} (opened as is) or {@code smart} (a SMART
     * app's launch URL, which the EHR launches with its own context; {@code appContext} is handed
     * to the app).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Link(String label, String url, String type, String appContext) {

        public Link(String label, String url, String type) {
            this(label, url, type, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {}

    /**
     * A FHIR action. {@code resource} is the resource as FHIR JSON written by HAPI, embedded as is.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Action(
            String type,
            String description,
            @com.fasterxml.jackson.annotation.JsonRawValue String resource,
            String resourceId) {}
}
