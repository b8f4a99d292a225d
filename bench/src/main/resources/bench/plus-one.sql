--liquibase formatted sql

--changeset atelier-bench:9901-bench-notes
create table bench_notes (
    id         bigint generated always as identity primary key,
    body       text not null,
    created_at timestamptz not null default now()
);
create index bench_notes_created_idx on bench_notes (created_at);
