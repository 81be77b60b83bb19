-- Stored alerts, the EHR's feedback, pharmacists' review actions, the audit trail and snoozes
-- (SPEC §4, §5; docs/alerts.md). Portable SQL: the same file runs on H2 (embedded default) and
-- PostgreSQL (production). Ids are text: an alert's id is its card's uuid (deterministic from the
-- hookInstance and category, so a retried call never duplicates); every other row gets a uuid when
-- it is produced, before it may wait in the spool, so writing it twice stores it once.

create table alert (
    id                varchar(36)  primary key,
    hook_instance     varchar(128) not null,
    service_id        varchar(64)  not null,
    patient_id        varchar(128) not null,
    encounter_id      varchar(128),
    user_id           varchar(256),
    draft_order_id    varchar(128),
    category          varchar(64)  not null,
    indicator         varchar(16)  not null,
    rule_id           varchar(128) not null,
    rule_version      varchar(32)  not null,
    rule_base_version varchar(80)  not null,
    summary           varchar(400) not null,
    -- JSON (AlertEvidence): the diazepam-equivalent timeline points, withdrawal scores, the reduction
    evidence          text         not null,
    -- false when a snooze kept the card from the EHR: stored for the pharmacists all the same
    shown             boolean      not null,
    status            varchar(16)  not null,
    created_at        timestamp with time zone not null
);
create index alert_created on alert (created_at);
create index alert_patient on alert (patient_id, created_at);
create index alert_status on alert (status, created_at);

create table feedback (
    id                   varchar(36)  primary key,
    card_uuid            varchar(36)  not null,
    -- false when no stored alert has this card uuid (kept, counted, never dropped)
    matched              boolean      not null,
    service_id           varchar(64)  not null,
    outcome              varchar(16)  not null,
    accepted_suggestions text,
    override_system      varchar(256),
    override_code        varchar(128),
    override_display     varchar(512),
    user_comment         text,
    outcome_timestamp    timestamp with time zone not null,
    received_at          timestamp with time zone not null
);
create index feedback_card on feedback (card_uuid);

create table review_action (
    id         varchar(36)  primary key,
    alert_id   varchar(36)  not null references alert (id) on delete cascade,
    action     varchar(16)  not null,
    note       text,
    actor      varchar(256) not null,
    created_at timestamp with time zone not null
);
create index review_action_alert on review_action (alert_id, created_at);

create table audit_event (
    id            varchar(36)  primary key,
    -- evaluation | feedback | review-action
    kind          varchar(32)  not null,
    occurred_at   timestamp with time zone not null,
    -- the EHR user (context.userId) or the console user
    actor         varchar(256),
    patient_id    varchar(128),
    service_id    varchar(64),
    hook_instance varchar(128),
    alert_id      varchar(36),
    outcome       varchar(64)  not null,
    -- JSON: ids and outcomes only (cards issued, rule ids and versions, duration), never clinical text
    detail        text         not null
);
create index audit_event_time on audit_event (occurred_at);

-- After an overridden card: the category is not shown again for this patient until `until`, unless
-- the indicator gets more severe than `indicator`.
create table snooze (
    patient_id  varchar(128) not null,
    category    varchar(64)  not null,
    indicator   varchar(16)  not null,
    feedback_id varchar(36)  not null,
    created_at  timestamp with time zone not null,
    until       timestamp with time zone not null,
    primary key (patient_id, category)
);
