--liquibase formatted sql

--changeset atelier:0003-catalog
create table products (
    id              uuid primary key,
    handle          text not null,
    status          text not null,
    title           text not null,
    description     text,
    vendor          text,
    attributes      jsonb not null default '{}',
    seo_title       text,
    seo_description text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    version         bigint not null default 0,
    constraint products_handle_key unique (handle),
    constraint products_handle_check check (handle ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
    constraint products_status_check check (status in ('DRAFT', 'ACTIVE', 'ARCHIVED'))
);
-- Storefront listing: active products, newest first, with a stable tie-breaker.
create index products_active_created_idx on products (created_at desc, id desc) where status = 'ACTIVE';

create table product_translations (
    product_id      uuid not null references products (id) on delete cascade,
    locale          text not null,
    title           text not null,
    description     text,
    seo_title       text,
    seo_description text,
    primary key (product_id, locale)
);

create table product_media (
    id         uuid primary key,
    product_id uuid not null references products (id) on delete cascade,
    url        text not null,
    alt_text   text,
    position   int not null,
    constraint product_media_position_key unique (product_id, position)
);

create table product_options (
    product_id uuid not null references products (id) on delete cascade,
    position   int not null,
    name       text not null,
    option_values text[] not null,
    primary key (product_id, position),
    constraint product_options_name_key unique (product_id, name)
);

create table variants (
    id            uuid primary key,
    product_id    uuid not null references products (id) on delete cascade,
    sku           text not null,
    title         text not null,
    option_values text[] not null default '{}',
    weight_grams  int,
    position      int not null,
    created_at    timestamptz not null default now(),
    constraint variants_sku_key unique (sku),
    constraint variants_weight_check check (weight_grams is null or weight_grams >= 0)
);
create index variants_product_idx on variants (product_id, position);

create table collections (
    id          uuid primary key,
    handle      text not null,
    title       text not null,
    description text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint collections_handle_key unique (handle),
    constraint collections_handle_check check (handle ~ '^[a-z0-9][a-z0-9-]{0,99}$')
);

create table collection_translations (
    collection_id uuid not null references collections (id) on delete cascade,
    locale        text not null,
    title         text not null,
    description   text,
    primary key (collection_id, locale)
);

create table collection_products (
    collection_id uuid not null references collections (id) on delete cascade,
    product_id    uuid not null references products (id) on delete cascade,
    position      int not null,
    primary key (collection_id, product_id)
);
create index collection_products_order_idx on collection_products (collection_id, position, product_id);

--changeset atelier:0003-pricing
create table markets (
    id                 uuid primary key,
    handle             text not null,
    name               text not null,
    currency           char(3) not null,
    countries          text[] not null default '{}',
    prices_include_tax boolean not null,
    is_default         boolean not null default false,
    created_at         timestamptz not null default now(),
    constraint markets_handle_key unique (handle),
    constraint markets_handle_check check (handle ~ '^[a-z0-9][a-z0-9-]{0,39}$')
);
create unique index markets_one_default_idx on markets (is_default) where is_default;

-- One explicit price per variant and market, in the market's currency's minor units.
-- lowest_30d_minor: the lowest price of the 30 days before the last change (EU Omnibus).
create table prices (
    variant_id       uuid not null references variants (id) on delete cascade,
    market_id        uuid not null references markets (id) on delete cascade,
    amount_minor     bigint not null,
    lowest_30d_minor bigint,
    updated_at       timestamptz not null default now(),
    primary key (market_id, variant_id),
    constraint prices_amount_check check (amount_minor >= 0)
);
create index prices_variant_idx on prices (variant_id);

-- Every price a variant had in a market, and from when: the Omnibus rule's memory.
create table price_history (
    variant_id   uuid not null,
    market_id    uuid not null,
    amount_minor bigint not null,
    valid_from   timestamptz not null,
    primary key (market_id, variant_id, valid_from)
);

--changeset atelier:0003-inventory
create table stock_locations (
    id         uuid primary key,
    handle     text not null,
    name       text not null,
    created_at timestamptz not null default now(),
    constraint stock_locations_handle_key unique (handle),
    constraint stock_locations_handle_check check (handle ~ '^[a-z0-9][a-z0-9-]{0,39}$')
);

-- available = on_hand - reserved, changed only by atomic conditional updates.
create table stock_levels (
    variant_id  uuid not null references variants (id) on delete cascade,
    location_id uuid not null references stock_locations (id) on delete cascade,
    on_hand     int not null default 0,
    reserved    int not null default 0,
    available   int generated always as (on_hand - reserved) stored,
    updated_at  timestamptz not null default now(),
    primary key (variant_id, location_id),
    constraint stock_levels_on_hand_check check (on_hand >= 0),
    constraint stock_levels_reserved_check check (reserved >= 0 and reserved <= on_hand)
);

create table stock_adjustments (
    id          uuid primary key,
    variant_id  uuid not null,
    location_id uuid not null,
    delta       int not null,
    reason      text not null,
    on_hand     int not null,
    actor_type  text not null,
    actor_id    text not null,
    created_at  timestamptz not null default now()
);
create index stock_adjustments_variant_idx on stock_adjustments (variant_id, created_at desc);

--changeset atelier:0003-idempotency
-- Idempotency-Key per (client, key): the first response is replayed for 24 hours or more.
create table idempotency_keys (
    client_id       text not null,
    idempotency_key text not null,
    request_hash    text not null,
    state           text not null,
    response_status int,
    response_body   bytea,
    response_type   text,
    response_location text,
    created_at      timestamptz not null default now(),
    primary key (client_id, idempotency_key),
    constraint idempotency_keys_state_check check (state in ('IN_FLIGHT', 'DONE'))
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
