-- The tables Akka.Persistence.Sql (1.5, tag-table mode) reads and writes on PostgreSQL, as its own AutoInitialize would
-- create them; taken from pg_dump of a database it initialized. Every statement is idempotent.
CREATE TABLE IF NOT EXISTS journal (
    ordering bigint GENERATED ALWAYS AS IDENTITY,
    created bigint NOT NULL,
    deleted boolean NOT NULL,
    persistence_id text NOT NULL,
    sequence_number bigint NOT NULL,
    message bytea NOT NULL,
    manifest text,
    identifier integer,
    writer_uuid text,
    CONSTRAINT "PK_journal" PRIMARY KEY (ordering),
    CONSTRAINT journal_uq UNIQUE (persistence_id, sequence_number)
);
CREATE INDEX IF NOT EXISTS journal_created_idx ON journal (created);
CREATE INDEX IF NOT EXISTS journal_sequence_number_idx ON journal (sequence_number);

CREATE TABLE IF NOT EXISTS tags (
    ordering_id bigint NOT NULL,
    tag text NOT NULL,
    sequence_nr bigint NOT NULL,
    persistence_id text NOT NULL,
    CONSTRAINT "PK_tags" PRIMARY KEY (ordering_id, tag)
);
CREATE INDEX IF NOT EXISTS tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr);
CREATE INDEX IF NOT EXISTS tags_tag_idx ON tags (tag);

CREATE TABLE IF NOT EXISTS snapshot (
    persistence_id text NOT NULL,
    sequence_number bigint NOT NULL,
    created bigint NOT NULL,
    snapshot bytea,
    manifest text,
    serializer_id integer,
    CONSTRAINT "PK_snapshot" PRIMARY KEY (persistence_id, sequence_number)
);
CREATE INDEX IF NOT EXISTS snapshot_created_idx ON snapshot (created);
CREATE INDEX IF NOT EXISTS snapshot_sequence_number_idx ON snapshot (sequence_number);
