--liquibase formatted sql

--changeset atelier:0004-reserve-or-raise splitStatements:false
-- A checkout sends its last reservation and its COMMIT to PostgreSQL together (ADR 24).
-- The reservation statement ends with this check: when it held nothing, the error stops
-- the COMMIT from running and the transaction is rolled back. AT409: too few units.
-- AT300: the variant is stocked at several locations (that path locks them in order, in
-- a transaction of its own making).
create function reserved_or_raise(held bigint, locations bigint, sku text) returns bigint
language plpgsql as $$
begin
    if held = 0 then
        if locations > 1 then
            raise exception 'the variant is stocked at several locations' using errcode = 'AT300';
        end if;
        raise exception 'Not enough units available of %.', sku using errcode = 'AT409';
    end if;
    return held;
end
$$;
