-- "Contains" search for Japanese text. pg_trgm serves ILIKE '%…%' for three characters or more, but extracts no
-- trigram from a two-character term such as 請求, so such a search would scan every row. The distinct
-- two-character substrings of a text, in a GIN-indexed array, find those rows through an index; the ILIKE
-- that follows keeps the answer exact. lower() keeps it case-insensitive like ILIKE.
CREATE FUNCTION bansou_bigrams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT COALESCE(array_agg(DISTINCT substr(lower(t), i, 2)), '{}')
      FROM generate_series(1, char_length(t) - 1) AS i
$$;
