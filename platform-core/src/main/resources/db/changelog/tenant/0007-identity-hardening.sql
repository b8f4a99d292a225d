--liquibase formatted sql

--changeset atelier:0007-signing-keys-revoked
-- An emergency rotation revokes keys: a revoked key is never published again, so tokens
-- it signed stop verifying at once (a retired key stays published while its tokens live).
alter table signing_keys drop constraint signing_keys_status_check;
alter table signing_keys add constraint signing_keys_status_check
    check (status in ('ACTIVE', 'RETIRED', 'REVOKED'));
