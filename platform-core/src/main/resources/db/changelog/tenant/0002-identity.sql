--liquibase formatted sql

--changeset atelier:0002-identity-principals
create table staff_users (
    id            uuid primary key,
    email         text not null,
    display_name  text,
    password_hash text,
    role          text not null,
    status        text not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    last_login_at timestamptz,
    constraint staff_users_email_key unique (email),
    constraint staff_users_email_lower_check check (email = lower(email)),
    constraint staff_users_role_check check (role in ('OWNER', 'ADMIN', 'MERCHANDISER', 'FULFILLMENT', 'ANALYST')),
    constraint staff_users_status_check check (status in ('ACTIVE', 'DISABLED'))
);

create table customers (
    id                      uuid primary key,
    email                   text not null,
    display_name            text,
    password_hash           text not null,
    email_verified          boolean not null default false,
    verification_token_hash text,
    created_at              timestamptz not null default now(),
    constraint customers_email_key unique (email),
    constraint customers_email_lower_check check (email = lower(email))
);
create unique index customers_verification_token_idx on customers (verification_token_hash)
    where verification_token_hash is not null;

create table integrations (
    client_id   text primary key,
    name        text not null,
    scopes      text[] not null,
    created_at  timestamptz not null default now(),
    created_by  text not null,
    revoked_at  timestamptz
);

create table signing_keys (
    kid                   text primary key,
    algorithm             text not null,
    public_key            bytea not null,
    private_key_encrypted bytea not null,
    status                text not null,
    created_at            timestamptz not null default now(),
    retired_at            timestamptz,
    constraint signing_keys_status_check check (status in ('ACTIVE', 'RETIRED'))
);
create unique index signing_keys_one_active_idx on signing_keys (status) where status = 'ACTIVE';

create table audit_events (
    id            uuid primary key,
    occurred_at   timestamptz not null default now(),
    actor_type    text not null,
    actor_id      text not null,
    actor_name    text,
    action        text not null,
    resource_type text not null,
    resource_id   text,
    before        jsonb,
    after         jsonb
);
create index audit_events_occurred_idx on audit_events (occurred_at desc, id desc);

--changeset atelier:0002-identity-authorization-server
-- Spring Authorization Server's tables (its schema, with PostgreSQL types: text for blob,
-- timestamptz for timestamp), in each tenant's schema.
create table oauth2_registered_client (
    id                            varchar(100) not null primary key,
    client_id                     varchar(100) not null,
    client_id_issued_at           timestamptz default current_timestamp not null,
    client_secret                 varchar(200) default null,
    client_secret_expires_at      timestamptz default null,
    client_name                   varchar(200) not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000) default null,
    post_logout_redirect_uris     varchar(1000) default null,
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null,
    constraint oauth2_registered_client_client_id_key unique (client_id)
);

create table oauth2_authorization (
    id                            varchar(100) not null primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text default null,
    state                         varchar(500) default null,
    authorization_code_value      text default null,
    authorization_code_issued_at  timestamptz default null,
    authorization_code_expires_at timestamptz default null,
    authorization_code_metadata   text default null,
    access_token_value            text default null,
    access_token_issued_at        timestamptz default null,
    access_token_expires_at       timestamptz default null,
    access_token_metadata         text default null,
    access_token_type             varchar(100) default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text default null,
    oidc_id_token_issued_at       timestamptz default null,
    oidc_id_token_expires_at      timestamptz default null,
    oidc_id_token_metadata        text default null,
    refresh_token_value           text default null,
    refresh_token_issued_at       timestamptz default null,
    refresh_token_expires_at      timestamptz default null,
    refresh_token_metadata        text default null,
    user_code_value               text default null,
    user_code_issued_at           timestamptz default null,
    user_code_expires_at          timestamptz default null,
    user_code_metadata            text default null,
    device_code_value             text default null,
    device_code_issued_at         timestamptz default null,
    device_code_expires_at        timestamptz default null,
    device_code_metadata          text default null
);
-- The lookups Spring Authorization Server makes by value ("x_value = ?"): hash indexes,
-- since token values can outgrow a B-tree entry.
create index oauth2_authorization_state_idx on oauth2_authorization using hash (state);
create index oauth2_authorization_code_idx on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access_idx on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_refresh_idx on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_id_token_idx on oauth2_authorization using hash (oidc_id_token_value);

create table oauth2_authorization_consent (
    registered_client_id varchar(100) not null,
    principal_name       varchar(200) not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- Refresh tokens that have been rotated away: presenting one again is reuse.
create table oauth2_rotated_refresh_token (
    token_hash       text primary key,
    authorization_id varchar(100) not null,
    rotated_at       timestamptz not null default now()
);
