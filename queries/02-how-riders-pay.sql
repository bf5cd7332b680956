-- How riders pay
SELECT CASE payment_type WHEN 1 THEN 'credit card' WHEN 2 THEN 'cash' WHEN 3 THEN 'no charge' WHEN 4 THEN 'dispute' ELSE 'other' END AS payment,
       count(*) AS trips, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct,
       round(avg(tip_amount), 2) AS avg_tip, round(avg(CASE WHEN fare_amount > 0 THEN 100 * tip_amount / fare_amount END), 1) AS tip_pct_of_fare
FROM tripdata
GROUP BY 1
ORDER BY trips DESC
