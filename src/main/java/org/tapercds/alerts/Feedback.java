package org.tapercds.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One validated CDS Hooks feedback item, as the EHR sent it (read by the hooks edge, stored by the
 * {@link FeedbackService}).
 *
 * @param serviceId the service the feedback was posted to
 * @param cardUuid {@code card}: the uuid of the card the feedback is about
 * @param outcome {@code outcome}
 * @param acceptedSuggestions the ids of {@code acceptedSuggestions} (empty unless accepted)
 * @param overrideReason {@code overrideReason} (null unless overridden with a reason or comment)
 * @param outcomeTimestamp {@code outcomeTimestamp}
 * @param receivedAt when this service received it (from the injected clock)
 */
public record Feedback(
        String serviceId,
        String cardUuid,
        Outcome outcome,
        List<String> acceptedSuggestions,
        OverrideReason overrideReason,
        Instant outcomeTimestamp,
        Instant receivedAt) {

    public Feedback {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }

    public enum Outcome {
        ACCEPTED("accepted"),
        OVERRIDDEN("overridden");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * @param reason the chosen override reason (null when only a comment was given)
     * @param userComment the clinician's free text (null when none); may contain patient data:
     *     store it, never log it
     */
    public record OverrideReason(Coding reason, String userComment) {

        @Override
        public String toString() {
            // A record's own toString would print the comment into any log line that names it.
            return "OverrideReason[reason=" + reason + ", userComment=" + (userComment == null ? "none" : "…") + "]";
        }
    }

    public record Coding(String system, String code, String display) {}
}
