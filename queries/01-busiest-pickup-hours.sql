-- Busiest pickup hours (January 2019 sample)
SELECT hour(pickup_at) AS pickup_hour, count(*) AS trips, round(avg(trip_distance_miles), 2) AS avg_miles,
       round(avg(fare_amount), 2) AS avg_fare, round(sum(total_amount), 2) AS revenue
FROM tripdata
GROUP BY 1
ORDER BY trips DESC
LIMIT 5
