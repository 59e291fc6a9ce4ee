\x
SELECT pid, now() - query_start AS duration, query FROM pg_stat_activity WHERE state = 'active';
WITH d AS (DELETE FROM jobs WHERE id < 100 RETURNING *) SELECT count(*) FROM d;
DO $body$ BEGIN PERFORM pg_sleep(1); END $body$;
SELECT E'it\'s', 'a;b', "Weird;Name" FROM t /* nested /* ; */ */ -- ; tail
COPY (SELECT 1) TO STDOUT;
\copy t from 'data.csv'
