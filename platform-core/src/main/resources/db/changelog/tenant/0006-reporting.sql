--liquibase formatted sql

--changeset atelier:0006-brand-time-zone
-- Reports count days in the brand's own time zone (an IANA name such as Europe/Paris).
alter table brand_settings add column time_zone text not null default 'UTC';
-- Summaries computed before this are in another zone's days, whatever their zone column says.
alter table brand_settings add column time_zone_changed_at timestamptz not null default '1970-01-01T00:00:00Z';

--changeset atelier:0006-report-settings
create table report_settings (
    id                   boolean primary key default true,
    statement_timeout_ms int not null default 30000,
    updated_at           timestamptz not null default now(),
    constraint report_settings_single_row check (id),
    constraint report_settings_timeout_check check (statement_timeout_ms between 100 and 300000)
);
insert into report_settings (id) values (true);

--changeset atelier:0006-report-summaries
-- Daily summaries of closed days (ADR 22). A day is used by reports only while its row
-- here is fresh: computed in the brand's current time zone and not marked stale since.
create table report_days (
    day         date primary key,
    time_zone   text not null,
    computed_at timestamptz not null,
    stale_since timestamptz
);

create table report_sales_daily (
    day            date not null,
    market_id      uuid not null,
    currency       char(3) not null,
    orders         int not null,
    units          bigint not null,
    gross_minor    bigint not null,
    discount_minor bigint not null,
    shipping_minor bigint not null,
    tax_minor      bigint not null,
    total_minor    bigint not null,
    refunds        int not null,
    refund_minor   bigint not null,
    primary key (day, market_id, currency)
);

create table report_variant_daily (
    day           date not null,
    variant_id    uuid not null,
    market_id     uuid not null,
    currency      char(3) not null,
    product_id    uuid not null,
    sku           text not null,
    title         text not null,
    variant_title text not null,
    units         bigint not null,
    revenue_minor bigint not null,
    primary key (day, variant_id, market_id)
);

-- A refund is held (false) while the provider is asked, and confirmed once it answers yes;
-- a refused one is deleted. Reports count confirmed refunds only.
alter table refunds add column confirmed boolean not null default true;
create index refunds_created_idx on refunds (created_at);
create index carts_created_idx on carts (created_at);
