-- A score keeps the value measured for each component of the model version that scored it, in that version's
-- order; the components' definitions live once in health_model, not copied into a million rows a day. Building
-- and writing a jsonb document per score cost more than the whole pass over the rollups.
ALTER TABLE health_score ADD COLUMN component_values real[];

UPDATE health_score
   SET component_values = CASE WHEN jsonb_typeof(components) = 'array'
                               THEN ARRAY(SELECT CAST(c.part ->> 'value' AS real)
                                            FROM jsonb_array_elements(components) WITH ORDINALITY AS c (part, i)
                                           ORDER BY c.i)
                               ELSE '{}' END;

ALTER TABLE health_score ALTER COLUMN component_values SET NOT NULL;
ALTER TABLE health_score DROP COLUMN components;
