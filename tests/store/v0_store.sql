-- A store as the first, unversioned layout (schema v0) wrote it: no schema_version table, no
-- clusters, no source key or record hash on articles, and events without the reciprocal flag,
-- date precision, dyad keys or lead flag. Two reports of one signing, from two outlets.
CREATE TABLE articles (
    article_id VARCHAR NOT NULL, schema VARCHAR, title VARCHAR, url VARCHAR, source VARCHAR,
    published VARCHAR, published_day DATE, language VARCHAR, author VARCHAR,
    content_hash VARCHAR, entente_version VARCHAR, kb_version VARCHAR, text VARCHAR,
    removed_boilerplate VARCHAR[], n_sentences INTEGER, n_events INTEGER, n_quotes INTEGER,
    n_actors INTEGER);
CREATE TABLE sentences (article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, char_start INTEGER,
    char_end INTEGER, text VARCHAR);
CREATE TABLE actors (article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, sentence INTEGER,
    char_start INTEGER, char_end INTEGER, text VARCHAR, name VARCHAR, code VARCHAR,
    country VARCHAR, org VARCHAR, role VARCHAR, id VARCHAR);
CREATE TABLE events (
    event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
    sentence INTEGER, text VARCHAR, cameo VARCHAR, root VARCHAR, base VARCHAR,
    quad_class TINYINT, goldstein DOUBLE, plover_type VARCHAR, plover_mode VARCHAR,
    modality VARCHAR, date VARCHAR, date_from VARCHAR,
    src_text VARCHAR, src_name VARCHAR, src_code VARCHAR, src_country VARCHAR, src_org VARCHAR,
    src_role VARCHAR, src_id VARCHAR, tgt_text VARCHAR, tgt_name VARCHAR, tgt_code VARCHAR,
    tgt_country VARCHAR, tgt_org VARCHAR, tgt_role VARCHAR, tgt_id VARCHAR,
    loc_name VARCHAR, loc_country VARCHAR, loc_lat DOUBLE, loc_lon DOUBLE,
    has_attribution BOOLEAN, attr_speaker VARCHAR, attr_cites VARCHAR[], attr_quote INTEGER,
    trigger VARCHAR, ev_start INTEGER, ev_end INTEGER, rule VARCHAR, confidence DOUBLE);
CREATE TABLE quotes (quote_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL, sentence INTEGER, has_speaker BOOLEAN, speaker_text VARCHAR,
    speaker_name VARCHAR, speaker_role VARCHAR, speaker_org VARCHAR, cue VARCHAR,
    content VARCHAR, direct BOOLEAN, char_start INTEGER, char_end INTEGER, n_cites INTEGER);
CREATE TABLE quote_cites (quote_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL, name VARCHAR, role VARCHAR, org VARCHAR, kind VARCHAR, date VARCHAR);

INSERT INTO articles VALUES
  ('old-1', 'entente/1', 'Turkey and Azerbaijan sign pact', 'https://one.example/pact',
   'One Daily', '2021-06-16', DATE '2021-06-16', 'en', NULL, 'h-old-1', '0.0.1', 'kb0',
   E'Turkey and Azerbaijan sign pact\n\nThe leaders signed it in Shusha, an aide said.',
   [], 2, 1, 1, 2),
  ('old-2', 'entente/1', 'Pact signed by Ankara and Baku', 'https://two.example/a/9',
   'Two Times', '2021-06-17T08:30:00Z', DATE '2021-06-17', 'en', 'A. Writer', 'h-old-2',
   '0.0.1', 'kb0', 'Pact signed by Ankara and Baku', ['Subscribe now'], 1, 1, 0, 0);
INSERT INTO sentences VALUES
  ('old-1', 0, 0, 31, 'Turkey and Azerbaijan sign pact'),
  ('old-1', 1, 33, 79, 'The leaders signed it in Shusha, an aide said.'),
  ('old-2', 0, 0, 30, 'Pact signed by Ankara and Baku');
INSERT INTO actors VALUES
  ('old-1', 0, 0, 0, 6, 'Turkey', 'Turkey', 'TUR', 'TUR', NULL, NULL, 'country:TUR'),
  ('old-1', 1, 0, 11, 21, 'Azerbaijan', 'Azerbaijan', 'AZE', 'AZE', NULL, NULL, 'country:AZE');
INSERT INTO events VALUES
  ('old-1:0:0', 'old-1', 0, 0, NULL, '057', '05', '057', 1, 8.0, 'AGREE', NULL, 'asserted',
   '2021-06-15', 'text', 'Turkey', 'Turkey', 'TUR', 'TUR', NULL, NULL, 'country:TUR',
   'Azerbaijan', 'Azerbaijan', 'AZE', 'AZE', NULL, NULL, 'country:AZE', 'Shusha', 'AZE', 39.76,
   46.75, false, NULL, NULL, NULL, 'sign', 22, 26, 'sign_agreement', 0.9),
  ('old-2:0:0', 'old-2', 0, 0, NULL, '057', '05', '057', 1, 8.0, 'AGREE', NULL, 'asserted',
   '2021-06-15', 'text', 'Ankara', 'Turkey', 'TURGOV', 'TUR', NULL, 'GOV', NULL,
   'Baku', 'Azerbaijan', 'AZEGOV', 'AZE', NULL, 'GOV', NULL, NULL, NULL, NULL, NULL,
   true, 'an aide', ['One Daily'], NULL, 'signed', 5, 11, 'sign_agreement', 0.7);
INSERT INTO quotes VALUES
  ('old-1:q0', 'old-1', 0, 1, true, 'an aide', NULL, 'aide', NULL, 'said',
   'The leaders signed it in Shusha', false, 0, 31, 1);
INSERT INTO quote_cites VALUES
  ('old-1:q0', 'old-1', 0, 'Presidential office', NULL, NULL, 'organisation', NULL);
