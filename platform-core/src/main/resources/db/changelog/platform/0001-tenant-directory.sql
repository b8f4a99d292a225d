--liquibase formatted sql

--changeset atelier:0001-tenant-directory
create table tenants (
    id                uuid primary key,
    slug              text not null,
    display_name      text not null,
    status            text not null,
    schema_name       text not null,
    cell              text not null default 'main',
    default_currency  char(3) not null,
    default_locale    text not null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    migrated_to       text,
    migration_state   text not null default 'PENDING',
    migration_error   text,
    migrated_at       timestamptz,
    constraint tenants_slug_key unique (slug),
    constraint tenants_schema_name_key unique (schema_name),
    constraint tenants_status_check check (status in ('PROVISIONING', 'ACTIVE', 'SUSPENDED')),
    constraint tenants_migration_state_check check (migration_state in ('PENDING', 'OK', 'FAILED')),
    constraint tenants_slug_check check (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
    constraint tenants_schema_name_check check (schema_name ~ '^tenant_[a-z][a-z0-9_]{1,39}$')
);

create table tenant_domains (
    domain     text primary key,
    tenant_id  uuid not null references tenants (id) on delete cascade,
    created_at timestamptz not null default now(),
    constraint tenant_domains_lower_check check (domain = lower(domain))
);
create index tenant_domains_tenant_idx on tenant_domains (tenant_id);

create table tenant_tombstones (
    id            uuid primary key,
    slug          text not null,
    schema_name   text not null,
    display_name  text not null,
    created_at    timestamptz not null,
    deleted_at    timestamptz not null default now(),
    deleted_by    text not null,
    constraint tenant_tombstones_slug_key unique (slug)
);
--rollback drop table tenant_tombstones; drop table tenant_domains; drop table tenants;
