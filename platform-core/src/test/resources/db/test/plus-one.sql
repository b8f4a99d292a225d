--liquibase formatted sql

--changeset atelier-test:9001-migration-probe
create table migration_probe (id bigint primary key, note text);
