-- The CDS Hooks requests of the last days, kept only when the operator sets
-- taper.alerts.keep-requests (off by default), so an informaticist can preview a rule change
-- against real calls (docs/rule-authoring.md, "Preview a change"). Each body is the request as
-- evaluated (prefetch completed), with patient data: the same protection as the alert tables.
-- id = a uuid from the service and hookInstance, so a retried call is kept once.
create table kept_request (
    id            varchar(36)  primary key,
    service_id    varchar(64)  not null,
    hook_instance varchar(128) not null,
    evaluated_at  timestamp with time zone not null,
    body          text         not null
);
create index kept_request_evaluated on kept_request (evaluated_at);
