package org.tapercds.hooks;

import static org.tapercds.system.JsonFields.expectObject;
import static org.tapercds.system.JsonFields.expectString;
import static org.tapercds.system.JsonFields.index;
import static org.tapercds.system.JsonFields.optionalArray;
import static org.tapercds.system.JsonFields.optionalObject;
import static org.tapercds.system.JsonFields.optionalString;
import static org.tapercds.system.JsonFields.path;
import static org.tapercds.system.JsonFields.requireArray;
import static org.tapercds.system.JsonFields.requireString;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tapercds.alerts.Feedback;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * Validates a CDS Hooks 2.0 feedback body: the specification's envelope {@code {"feedback": [...]}}
 * or a bare item, as some EHRs send it. Errors name the field path ({@code
 * feedback[0].outcome}).
 */
@Component
class FeedbackReader {

    private final Clock clock;

    FeedbackReader(Clock clock) {
        this.clock = clock;
    }

    List<Feedback> read(String serviceId, JsonNode body) {
        if (!body.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body must be a JSON object", null);
        }
        Instant receivedAt = clock.instant();
        if (!body.has("feedback") && body.has("card")) {
            return List.of(item(serviceId, body, "", receivedAt));
        }
        JsonNode items = requireArray(body, "feedback", "");
        if (items.isEmpty()) {
            throw ApiException.invalid("feedback", "must contain at least one item");
        }
        List<Feedback> records = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = index("feedback", i);
            records.add(item(serviceId, expectObject(items.get(i), itemPath), itemPath, receivedAt));
        }
        return records;
    }

    private static Feedback item(String serviceId, JsonNode item, String at, Instant receivedAt) {
        String card = requireString(item, "card", at);
        Feedback.Outcome outcome = outcome(requireString(item, "outcome", at), path(at, "outcome"));
        List<String> accepted = acceptedSuggestions(item, at);
        Feedback.OverrideReason overrideReason = overrideReason(item, at).orElse(null);
        if (outcome == Feedback.Outcome.OVERRIDDEN && !accepted.isEmpty()) {
            throw ApiException.invalid(path(at, "acceptedSuggestions"), "is only allowed when outcome is accepted");
        }
        if (outcome == Feedback.Outcome.ACCEPTED && overrideReason != null) {
            throw ApiException.invalid(path(at, "overrideReason"), "is only allowed when outcome is overridden");
        }
        Instant timestamp = timestamp(requireString(item, "outcomeTimestamp", at), path(at, "outcomeTimestamp"));
        return new Feedback(serviceId, card, outcome, accepted, overrideReason, timestamp, receivedAt);
    }

    private static Feedback.Outcome outcome(String value, String path) {
        for (Feedback.Outcome outcome : Feedback.Outcome.values()) {
            if (outcome.wireName().equals(value)) {
                return outcome;
            }
        }
        throw ApiException.invalid(path, "must be 'accepted' or 'overridden'");
    }

    private static List<String> acceptedSuggestions(JsonNode item, String at) {
        String arrayPath = path(at, "acceptedSuggestions");
        Optional<JsonNode> array = optionalArray(item, "acceptedSuggestions", at);
        if (array.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < array.get().size(); i++) {
            String suggestionPath = index(arrayPath, i);
            JsonNode suggestion = expectObject(array.get().get(i), suggestionPath);
            ids.add(requireString(suggestion, "id", suggestionPath));
        }
        return ids;
    }

    private static Optional<Feedback.OverrideReason> overrideReason(JsonNode item, String at) {
        String reasonPath = path(at, "overrideReason");
        Optional<JsonNode> value = optionalObject(item, "overrideReason", at);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = value.get();
        Feedback.Coding coding = optionalObject(node, "reason", reasonPath)
                .map(reason -> {
                    String codingPath = path(reasonPath, "reason");
                    return new Feedback.Coding(
                            optionalString(reason, "system", codingPath).orElse(null),
                            requireString(reason, "code", codingPath),
                            optionalString(reason, "display", codingPath).orElse(null));
                })
                .orElse(null);
        String comment = node.has("userComment") && !node.get("userComment").isNull()
                ? expectString(node.get("userComment"), path(reasonPath, "userComment"))
                : null;
        if (coding == null && comment == null) {
            throw ApiException.missing(path(reasonPath, "reason"));
        }
        return Optional.of(new Feedback.OverrideReason(coding, comment));
    }

    private static Instant timestamp(String value, String path) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(path, "must be an ISO-8601 date-time with a time zone offset");
        }
    }
}
