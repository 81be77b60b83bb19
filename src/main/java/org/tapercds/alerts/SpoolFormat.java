package org.tapercds.alerts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link StoreRecord} is written in the spool: one JSON object per line, named by a stable
 * type name so a spool written by one version of the service is read by the next. Every kind of
 * record is registered here, once ({@code SpoolFormatTests} fails for a {@code permits} entry of
 * {@link StoreRecord} that is missing); a name, once released, is never changed.
 */
final class SpoolFormat {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = AlertRecord.class, name = "alert"),
        @JsonSubTypes.Type(value = AuditEvent.class, name = "audit-event"),
        @JsonSubTypes.Type(value = FeedbackRow.class, name = "feedback"),
        @JsonSubTypes.Type(value = SnoozeRow.class, name = "snooze"),
        @JsonSubTypes.Type(value = KeptRequest.class, name = "kept-request")
    })
    private interface Named {}

    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(StoreRecord.class, Named.class)
            // A field a later version dropped is ignored, one it added is null.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SpoolFormat() {}

    /** One line, without its line break (JSON escapes every line break inside a string). */
    static String line(StoreRecord record) {
        return JSON.writerFor(StoreRecord.class).writeValueAsString(record);
    }

    static StoreRecord record(String line) {
        return JSON.readValue(line, StoreRecord.class);
    }
}
