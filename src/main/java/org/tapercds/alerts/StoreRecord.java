package org.tapercds.alerts;

/**
 * A row the {@link AlertWriter} stores off the call's path: each carries its own id, fixed when it
 * is produced, so writing it again (after an outage, from the spool) stores it once.
 */
public sealed interface StoreRecord permits AlertRecord, AuditEvent, FeedbackRow, SnoozeRow, KeptRequest {

    String id();
}
