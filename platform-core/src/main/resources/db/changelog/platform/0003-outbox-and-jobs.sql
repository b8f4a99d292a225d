--liquibase formatted sql

--changeset atelier:0003-outbox
-- Events of every tenant, written in the same transaction as the change that caused them
-- (the tenant's connection reaches this schema by its qualified name) and handed to
-- subscribers at least once by the relay (ADR 19).
create table outbox (
    id              bigserial primary key,
    event_id        uuid not null,
    tenant_id       uuid not null references tenants (id) on delete cascade,
    type            text not null,
    aggregate_type  text not null,
    aggregate_id    text not null,
    payload         jsonb not null,
    created_at      timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts        int not null default 0,
    delivered_at    timestamptz,
    last_error      text,
    constraint outbox_event_id_key unique (event_id)
);
create index outbox_pending_idx on outbox (next_attempt_at, id) where delivered_at is null;
create index outbox_tenant_idx on outbox (tenant_id, id);

-- One row per event and subscriber that has received it: a retry skips them.
create table outbox_deliveries (
    outbox_id     bigint not null references outbox (id) on delete cascade,
    subscriber    text not null,
    delivered_at  timestamptz not null default now(),
    primary key (outbox_id, subscriber)
);

--changeset atelier:0003-reservation-expiries
-- When each tenant's stock reservations expire: one index for the release job, however
-- many tenants there are (the job never visits tenants that have nothing due).
create table reservation_expiries (
    tenant_id  uuid not null references tenants (id) on delete cascade,
    order_id   uuid not null,
    expires_at timestamptz not null,
    primary key (tenant_id, order_id)
);
create index reservation_expiries_due_idx on reservation_expiries (expires_at);
