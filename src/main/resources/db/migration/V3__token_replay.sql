-- The jti of every accepted EHR token, shared by all replicas so a token replayed to another
-- replica is refused too (docs/security.md). id = SHA-256 of issuer and jti (jti values are unique
-- per issuer; the hash keeps the key short whatever the EHR sends).
create table token_replay (
    id           varchar(64) primary key,
    forget_after timestamp with time zone not null
);
create index token_replay_forget on token_replay (forget_after);
