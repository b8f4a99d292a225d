--liquibase formatted sql

--changeset atelier:0006-rate-limit-buckets
-- Token buckets of the API rate limits, shared by every node (Bucket4j's PostgreSQL
-- layout: one row per bucket, its state serialized by the library; ADR 32). Unlogged:
-- losing the buckets in a crash only forgets who was being throttled.
create unlogged table rate_limit_buckets (
    id          text primary key,
    state       bytea,
    expires_at  bigint
);
create index rate_limit_buckets_expires_idx on rate_limit_buckets (expires_at);

--changeset atelier:0006-tenant-rate-limits
-- A brand's own limits, set by operators; a rule without a row uses the node's default.
create table tenant_rate_limits (
    tenant_id       uuid not null references tenants (id) on delete cascade,
    rule            text not null,
    requests        int not null,
    period_seconds  int not null,
    updated_at      timestamptz not null default now(),
    updated_by      text not null,
    primary key (tenant_id, rule),
    constraint tenant_rate_limits_rule_check check (rule ~ '^[a-z][a-z-]{1,39}$'),
    constraint tenant_rate_limits_requests_check check (requests between 1 and 100000000),
    constraint tenant_rate_limits_period_check check (period_seconds between 1 and 86400)
);
