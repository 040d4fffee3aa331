--
-- PostgreSQL database dump
--

\restrict abcdefghijklmnopqrstuvwxyz0123456789

-- Dumped from database version 17.2
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('a', 'b');
CREATE TABLE app.events (
    id bigint NOT NULL,
    happened_at timestamp with time zone NOT NULL,
    kind app.status DEFAULT 'a'::app.status NOT NULL,
    body jsonb
)
PARTITION BY RANGE (happened_at);
ALTER TABLE app.events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE app.events_2024 (
    id bigint NOT NULL,
    happened_at timestamp with time zone NOT NULL,
    kind app.status DEFAULT 'a'::app.status NOT NULL,
    body jsonb
);
ALTER TABLE ONLY app.events ATTACH PARTITION app.events_2024 FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
ALTER TABLE ONLY app.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id, happened_at);
ALTER TABLE ONLY app.events_2024
    ADD CONSTRAINT events_2024_pkey PRIMARY KEY (id, happened_at);
CREATE INDEX events_body_idx ON ONLY app.events USING gin (body);
CREATE INDEX events_2024_body_idx ON app.events_2024 USING gin (body);
ALTER INDEX app.events_pkey ATTACH PARTITION app.events_2024_pkey;
ALTER INDEX app.events_body_idx ATTACH PARTITION app.events_2024_body_idx;
ALTER TABLE app.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON app.events USING (true);
CREATE PUBLICATION pub FOR TABLE app.events;
GRANT USAGE ON SCHEMA app TO PUBLIC;

\unrestrict abcdefghijklmnopqrstuvwxyz0123456789
