--liquibase formatted sql

--changeset atelier:0004-listing-prices
-- Each product's price range in each market where at least one of its variants is priced,
-- its lowest price of the 30 days before a reduction (Omnibus), and which of its variants
-- are on sale there: what a product list shows and sorts on, kept by the pricing service
-- in the transaction that changes a price (docs/adr/0016-storefront-listing-read-model.md).
-- Lists then sort and filter by price on an index, and read availability from stock_levels
-- by primary key, instead of aggregating every product's variants and prices per request.
create table listing_prices (
    market_id        uuid not null references markets (id) on delete cascade,
    product_id       uuid not null references products (id) on delete cascade,
    price_from_minor bigint not null,
    price_to_minor   bigint not null,
    lowest_30d_minor bigint,
    variant_ids      uuid[] not null,
    primary key (market_id, product_id)
);
create index listing_prices_price_idx on listing_prices (market_id, price_from_minor, product_id);
create index listing_prices_product_idx on listing_prices (product_id);

insert into listing_prices (market_id, product_id, price_from_minor, price_to_minor, lowest_30d_minor,
                            variant_ids)
select pr.market_id, v.product_id, min(pr.amount_minor), max(pr.amount_minor),
       min(pr.lowest_30d_minor) filter (where pr.amount_minor < pr.lowest_30d_minor),
       array_agg(v.id order by v.position)
from prices pr
join variants v on v.id = pr.variant_id
group by pr.market_id, v.product_id;
