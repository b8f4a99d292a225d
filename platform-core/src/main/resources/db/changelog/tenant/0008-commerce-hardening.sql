--liquibase formatted sql

--changeset atelier:0008-idempotency-applied
-- A key is marked applied in the same transaction as the effect of its request (ADR 29):
-- a retry of a request whose effect committed is never run again, even when the node
-- stopped before it could store the response.
alter table idempotency_keys add column applied_at timestamptz;

--changeset atelier:0008-checkout-limits
-- Who may hold stock without paying, and how much (ADR 30). Null turns a limit off.
alter table checkout_settings
    add column storefront_manual_payment boolean not null default true,
    add column unpaid_orders_per_email   int default 3,
    add column unpaid_orders_per_ip      int default 10,
    add column unpaid_orders_per_device  int default 3,
    add constraint checkout_settings_unpaid_check check (
        coalesce(unpaid_orders_per_email, 1) between 1 and 10000
        and coalesce(unpaid_orders_per_ip, 1) between 1 and 10000
        and coalesce(unpaid_orders_per_device, 1) between 1 and 10000);

-- buyer_key: the normalised address purchase limits and unpaid-order limits count by
-- (the verified account's when the shopper was signed in). hold_keys: the unpaid-order
-- counters this order holds while it is placed.
alter table orders
    add column buyer_key text,
    add column hold_keys text[];
update orders set buyer_key =
    regexp_replace(split_part(split_part(lower(email), '@', 1), '+', 1), '\.', '', 'g') || '@'
    || case split_part(lower(email), '@', 2) when 'googlemail.com' then 'gmail.com'
       else split_part(lower(email), '@', 2) end;
create index orders_buyer_key_idx on orders (buyer_key) where buyer_key is not null;

-- Open unpaid orders per e-mail, network address and device: raised with a
-- compare-and-set in the statement that writes the order, lowered by the trigger below
-- when the order leaves PLACED (paid, cancelled, expired), whichever code moves it.
create table unpaid_holds (
    hold_key text primary key,
    held     int not null,
    constraint unpaid_holds_held_check check (held >= 0)
);

--changeset atelier:0008-release-unpaid-holds splitStatements:false
create function release_unpaid_holds() returns trigger
language plpgsql as $$
declare
    k text;
begin
    -- In key order, as checkout takes them, so two transactions never wait on each other
    -- in opposite orders.
    foreach k in array coalesce((select array_agg(x order by x) from unnest(old.hold_keys) x), '{}') loop
        execute format('update %I.unpaid_holds set held = held - 1 where hold_key = $1 and held > 0',
            tg_table_schema) using k;
        execute format('delete from %I.unpaid_holds where hold_key = $1 and held = 0', tg_table_schema)
            using k;
    end loop;
    return null;
end
$$;

--changeset atelier:0008-release-unpaid-holds-trigger
create trigger orders_release_unpaid_holds after update of status on orders
    for each row when (old.status = 'PLACED' and new.status <> 'PLACED' and old.hold_keys is not null)
    execute function release_unpaid_holds();
