--liquibase formatted sql

--changeset atelier:0005-credential-attempts
-- Failed attempts at guessing a credential (sign-in, token, verification) and costly ones
-- (sign-up), per key: an account, a device, or an IP address per door. Shared by every
-- node, so a lock holds across the cluster (ADR 26). Keys name no address in clear: an
-- account's email is hashed into its key.
create table credential_attempts (
    attempt_key     text primary key,
    failures        integer not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz,
    constraint credential_attempts_key_length_check check (length(attempt_key) <= 200)
);
create index credential_attempts_last_failure_idx on credential_attempts (last_failure_at);
