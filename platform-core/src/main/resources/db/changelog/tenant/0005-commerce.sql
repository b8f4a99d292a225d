--liquibase formatted sql

--changeset atelier:0005-checkout-settings
-- Limited pieces: at most this many units of the product per customer (by email).
alter table products add column purchase_limit int;
alter table products add constraint products_purchase_limit_check check (purchase_limit is null or purchase_limit > 0);

create table checkout_settings (
    id                  boolean primary key default true,
    reservation_minutes int not null default 15,
    low_stock_threshold int not null default 3,
    updated_at          timestamptz not null default now(),
    constraint checkout_settings_single_row check (id),
    constraint checkout_settings_minutes_check check (reservation_minutes between 1 and 1440),
    constraint checkout_settings_low_stock_check check (low_stock_threshold between 0 and 1000000)
);
insert into checkout_settings (id) values (true);

-- Tax per destination country of a market; rate 0.20000 is 20 %.
create table tax_rates (
    market_id uuid not null references markets (id) on delete cascade,
    country   char(2) not null,
    rate      numeric(6, 5) not null,
    primary key (market_id, country),
    constraint tax_rates_rate_check check (rate >= 0 and rate < 1)
);

create table shipping_methods (
    id              uuid primary key,
    market_id       uuid not null references markets (id) on delete cascade,
    handle          text not null,
    name            text not null,
    amount_minor    bigint not null,
    free_from_minor bigint,
    active          boolean not null default true,
    created_at      timestamptz not null default now(),
    constraint shipping_methods_handle_key unique (market_id, handle),
    constraint shipping_methods_amount_check check (amount_minor >= 0 and (free_from_minor is null or free_from_minor >= 0))
);

--changeset atelier:0005-carts
create table carts (
    id                 uuid primary key,
    token_hash         text not null,
    customer_id        uuid references customers (id) on delete set null,
    market_id          uuid not null references markets (id),
    status             text not null default 'OPEN',
    email              text,
    country            char(2),
    shipping_method_id uuid references shipping_methods (id) on delete set null,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    constraint carts_token_hash_key unique (token_hash),
    constraint carts_status_check check (status in ('OPEN', 'CHECKED_OUT', 'MERGED'))
);
create unique index carts_customer_open_idx on carts (customer_id) where status = 'OPEN';
create index carts_updated_idx on carts (updated_at);

-- Two lines may hold the same variant (a personalised one and a plain one): checkout
-- reserves their sum.
create table cart_lines (
    id              uuid primary key,
    cart_id         uuid not null references carts (id) on delete cascade,
    variant_id      uuid not null references variants (id) on delete cascade,
    quantity        int not null,
    personalization text not null default '',
    position        int not null,
    constraint cart_lines_variant_key unique (cart_id, variant_id, personalization),
    constraint cart_lines_quantity_check check (quantity between 1 and 999)
);

--changeset atelier:0005-orders
create sequence order_numbers start with 1001;

create table orders (
    id                     uuid primary key,
    number                 bigint not null default nextval('order_numbers'),
    cart_id                uuid not null,
    customer_id            uuid,
    email                  text not null,
    market_id              uuid not null,
    currency               char(3) not null,
    country                char(2) not null,
    prices_include_tax     boolean not null,
    status                 text not null,
    subtotal_minor         bigint not null,
    discount_minor         bigint not null default 0,
    shipping_minor         bigint not null,
    tax_minor              bigint not null,
    total_minor            bigint not null,
    captured_minor         bigint not null default 0,
    refunded_minor         bigint not null default 0,
    shipping_method        text,
    payment_provider       text not null,
    reservation_expires_at timestamptz,
    cancel_reason          text,
    placed_at              timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    constraint orders_number_key unique (number),
    constraint orders_status_check check (status in ('PLACED', 'PAID', 'PARTIALLY_FULFILLED', 'FULFILLED',
        'CANCELLED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
    constraint orders_amounts_check check (total_minor >= 0 and captured_minor >= 0 and refunded_minor >= 0
        and refunded_minor <= captured_minor)
);
create index orders_placed_idx on orders (placed_at desc, id desc);
create index orders_status_idx on orders (status, placed_at desc, id desc);
create index orders_customer_idx on orders (customer_id, placed_at desc, id desc);
create index orders_email_idx on orders (lower(email));

create table order_lines (
    id                 uuid primary key,
    order_id           uuid not null references orders (id) on delete cascade,
    position           int not null,
    product_id         uuid not null,
    variant_id         uuid not null,
    sku                text not null,
    title              text not null,
    variant_title      text not null,
    personalization    text not null default '',
    quantity           int not null,
    unit_price_minor   bigint not null,
    subtotal_minor     bigint not null,
    tax_rate           numeric(6, 5) not null,
    tax_minor          bigint not null,
    fulfilled_quantity int not null default 0,
    constraint order_lines_quantity_check check (quantity > 0 and fulfilled_quantity between 0 and quantity)
);
create index order_lines_order_idx on order_lines (order_id, position);
create index order_lines_product_idx on order_lines (product_id);

-- Units held for an order, per variant and location: HELD while the order waits for
-- payment, COMMITTED once paid (taken from on hand), RELEASED or RESTOCKED when cancelled.
create table stock_reservations (
    order_id    uuid not null references orders (id) on delete cascade,
    variant_id  uuid not null,
    location_id uuid not null,
    quantity    int not null,
    state       text not null default 'HELD',
    primary key (order_id, variant_id, location_id),
    constraint stock_reservations_quantity_check check (quantity > 0),
    constraint stock_reservations_state_check check (state in ('HELD', 'COMMITTED', 'RELEASED', 'RESTOCKED'))
);

create table payments (
    id              uuid primary key,
    order_id        uuid not null references orders (id) on delete cascade,
    provider        text not null,
    reference       text,
    status          text not null,
    amount_minor    bigint not null,
    captured_minor  bigint not null default 0,
    refunded_minor  bigint not null default 0,
    currency        char(3) not null,
    failure_code    text,
    failure_message text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint payments_status_check check (status in ('PENDING', 'REQUIRES_ACTION', 'AUTHORIZED', 'CAPTURED',
        'FAILED', 'VOIDED', 'REFUNDED'))
);
create index payments_order_idx on payments (order_id);
create unique index payments_reference_idx on payments (provider, reference) where reference is not null;

create table refunds (
    id           uuid primary key,
    order_id     uuid not null references orders (id) on delete cascade,
    payment_id   uuid not null references payments (id),
    amount_minor bigint not null,
    reason       text not null,
    reference    text,
    actor_type   text not null,
    actor_id     text not null,
    created_at   timestamptz not null default now(),
    constraint refunds_amount_check check (amount_minor > 0)
);
create index refunds_order_idx on refunds (order_id);

create table fulfillments (
    id              uuid primary key,
    order_id        uuid not null references orders (id) on delete cascade,
    carrier         text,
    tracking_number text,
    actor_type      text not null,
    actor_id        text not null,
    created_at      timestamptz not null default now()
);
create index fulfillments_order_idx on fulfillments (order_id);

create table fulfillment_lines (
    fulfillment_id uuid not null references fulfillments (id) on delete cascade,
    order_line_id  uuid not null references order_lines (id) on delete cascade,
    quantity       int not null,
    primary key (fulfillment_id, order_line_id),
    constraint fulfillment_lines_quantity_check check (quantity > 0)
);

create table order_notes (
    id         uuid primary key,
    order_id   uuid not null references orders (id) on delete cascade,
    body       text not null,
    actor_type text not null,
    actor_id   text not null,
    actor_name text not null,
    created_at timestamptz not null default now()
);
create index order_notes_order_idx on order_notes (order_id, created_at);

-- The in-process subscriber's view of the outbox: each event once per order, however
-- often the relay delivers it.
create table order_timeline (
    event_id    uuid primary key,
    order_id    uuid not null,
    type        text not null,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null default now()
);
create index order_timeline_order_idx on order_timeline (order_id, occurred_at);

--changeset atelier:0005-payment-settings
-- Per-provider settings; secrets encrypted under the platform's master key.
create table payment_settings (
    provider           text primary key,
    secret_key_enc     text,
    webhook_secret_enc text,
    api_base           text,
    updated_at         timestamptz not null default now()
);

-- Provider webhooks already processed: each event id once.
create table provider_events (
    provider    text not null,
    event_id    text not null,
    type        text not null,
    received_at timestamptz not null default now(),
    primary key (provider, event_id)
);
