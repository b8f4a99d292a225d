--liquibase formatted sql

--changeset atelier:0001-brand-settings
create table brand_settings (
    id               smallint primary key default 1,
    display_name     text not null,
    logo_url         text,
    primary_color    text not null default '#1A1A1A',
    accent_color     text not null default '#B08D57',
    background_color text not null default '#FFFFFF',
    default_currency char(3) not null,
    default_locale   text not null,
    locales          text[] not null,
    updated_at       timestamptz not null default now(),
    version          bigint not null default 0,
    constraint brand_settings_single_row check (id = 1),
    constraint brand_settings_colors_check check (
        primary_color ~ '^#[0-9A-Fa-f]{6}$' and accent_color ~ '^#[0-9A-Fa-f]{6}$'
        and background_color ~ '^#[0-9A-Fa-f]{6}$'),
    constraint brand_settings_locales_check check (cardinality(locales) > 0 and default_locale = any (locales))
);
--rollback drop table brand_settings;
