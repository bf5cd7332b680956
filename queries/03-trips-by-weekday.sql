-- Trips by weekday (1 = Monday … 7 = Sunday)
-- DuckDB and Athena (Trino) share no weekday function (DuckDB: dayname, isodow; Trino: day_of_week), so the day
-- is counted from 1900-01-01, a Monday, with date_diff, which both have.
SELECT 1 + date_diff('day', DATE '1900-01-01', CAST(pickup_at AS DATE)) % 7 AS weekday, count(*) AS trips,
       round(avg(date_diff('minute', pickup_at, dropoff_at)), 1) AS avg_minutes, round(avg(total_amount), 2) AS avg_total
FROM tripdata
GROUP BY 1
ORDER BY 1
