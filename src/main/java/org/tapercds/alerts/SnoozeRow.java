package org.tapercds.alerts;

import java.time.Instant;

/**
 * A snooze made by an overridden card ({@code snooze} table, one row per patient and category; the
 * later {@code until} wins). When the card was not known on this replica, {@code patientId},
 * {@code category} and {@code indicator} are null and are read from the card's stored alert when
 * the row is written (no alert: no snooze).
 *
 * @param id the feedback's id (the row is written at most once per feedback item)
 * @param indicator the overridden card's indicator: cards of the category up to it are withheld
 */
public record SnoozeRow(
        String id,
        String cardUuid,
        String patientId,
        String category,
        String indicator,
        Instant createdAt,
        Instant until)
        implements StoreRecord {

    boolean resolved() {
        return patientId != null && category != null && indicator != null;
    }

    @Override
    public String toString() {
        return "SnoozeRow[id=" + id + ", cardUuid=" + cardUuid + ", category=" + category + "]";
    }
}
