package org.tapercds.alerts;

import java.time.Instant;

/** A pharmacist's review action on an alert, with the note written for colleagues. */
public record StoredAction(String id, String alertId, String action, String note, String actor, Instant createdAt) {}
