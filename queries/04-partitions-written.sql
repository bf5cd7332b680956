-- Partitions written (pickup_year / pickup_month)
SELECT pickup_year, pickup_month, count(*) AS trips
FROM tripdata
GROUP BY 1, 2
ORDER BY 1, 2
