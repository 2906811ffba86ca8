-- The review queue and incremental matching.

-- The evidence of a link as data (each field's level and weight, how common an exact name is), for the review page
-- to lay out; the text in evidence says the same for the command line. Null for links found before this column.
ALTER TABLE person_link ADD COLUMN evidence_fields VARCHAR(4000);

-- The keys a person record is found by when new records are matched against the store (import): stable hashes of
-- its blocking values, each at least as broad as one of the matcher's blocking keys, so that every pair the full
-- run would compare is found by an index lookup. kind 0 marks a record as indexed (matched at least once); kinds
-- 1 and 2 are its given and family name, counted for how common a name is in the whole store; kind 3 the rest.
-- Derived from the person table: can be rebuilt.
CREATE TABLE person_match_key (
    person_id BIGINT NOT NULL REFERENCES person (id),
    kind      SMALLINT NOT NULL,
    match_key BIGINT NOT NULL,
    CONSTRAINT person_match_key_pk PRIMARY KEY (person_id, kind, match_key)
);
CREATE INDEX person_match_key_key ON person_match_key (match_key);
