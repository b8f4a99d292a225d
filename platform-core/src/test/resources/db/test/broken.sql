--liquibase formatted sql

--changeset atelier-test:9101-half-done
create table half_done (id bigint primary key);

--changeset atelier-test:9102-fails
select * from no_such_table_anywhere;
