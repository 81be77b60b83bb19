package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every kind of record round-trips through the spool under a type name of its own. */
class SpoolFormatTests {

    @Test
    void writesEveryKindOfRecordUnderItsOwnNameAndReadsItBackEqual() throws Exception {
        Class<?>[] kinds = StoreRecord.class.getPermittedSubclasses();
        assertThat(kinds).isNotEmpty();
        for (Class<?> kind : kinds) {
            StoreRecord record = sample(kind);
            String line = SpoolFormat.line(record);
            assertThat(line).as(kind.getSimpleName()).contains("\"@type\"").doesNotContain("\n");
            assertThat(SpoolFormat.record(line)).as(kind.getSimpleName()).isEqualTo(record);
        }
        assertThat(Arrays.stream(kinds).map(kind -> typeName(sample(kind))).distinct())
                .hasSize(kinds.length);
    }

    @Test
    void keepsLineBreaksAndNullsInsideARecord() {
        AlertRecord alert = Records.alert("with\nbreak");
        AuditEvent audit = new AuditEvent("id", "evaluation", Instant.EPOCH, null, null, null, null, null, "x", "{}");
        assertThat(SpoolFormat.record(SpoolFormat.line(alert))).isEqualTo(alert);
        assertThat(SpoolFormat.record(SpoolFormat.line(audit))).isEqualTo(audit);
        assertThat(SpoolFormat.line(alert)).doesNotContain("\n");
    }

    private static String typeName(StoreRecord record) {
        String line = SpoolFormat.line(record);
        int start = line.indexOf("\"@type\":\"") + 9;
        return line.substring(start, line.indexOf('"', start));
    }

    /** An instance with a value in every component, so a round trip that drops one fails. */
    private static StoreRecord sample(Class<?> kind) {
        try {
            RecordComponent[] components = kind.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = value(types[i], i);
            }
            return (StoreRecord) kind.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(kind + " is not a record of simple values", e);
        }
    }

    private static Object value(Class<?> type, int i) {
        if (type == String.class) {
            return "value-" + i;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == int.class || type == Integer.class) {
            return i + 1;
        }
        if (type == long.class || type == Long.class) {
            return (long) i + 1;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-22T10:00:00.123456Z").plusSeconds(i);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new AssertionError("Add a sample value for " + type);
    }
}
