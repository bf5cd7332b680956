namespace SocarDataLake.Local.Tests;

public sealed class RealSampleTests
{
    [Fact]
    public async Task The_nyc_2019_sample_is_typed_completely_and_queryable()
    {
        using var lake = new TestLake();

        var run = Assert.Single(await lake.IngestAsync("tripdata", TestLake.Repo_Sample("sample_yellow_tripdata_2019-01.csv")));

        Assert.Equal(4000, run.RowsIn);
        Assert.Equal(4000, run.RowsOut);
        Assert.Equal(0, run.RowsQuarantined);
        // First data row: 2,2019-01-12 12:17:19,2019-01-12 12:32:49,1,2.86,1,N,41,239,1,12.5,0.0,0.5,2.66,0.0,0.3,15.96,
        var row = Assert.Single(lake.Query("SELECT vendor_id, pickup_at, fare_amount, tip_amount, store_and_forward, pickup_location_id, congestion_surcharge, pickup_year, pickup_month FROM tripdata WHERE pickup_at = TIMESTAMP '2019-01-12 12:17:19' AND dropoff_at = TIMESTAMP '2019-01-12 12:32:49'").Rows);
        Assert.Equal(2, row[0]);
        Assert.Equal(new DateTime(2019, 1, 12, 12, 17, 19), row[1]);
        Assert.Equal(12.50m, row[2]);
        Assert.Equal(2.66m, row[3]);
        Assert.Equal(false, row[4]);
        Assert.Equal(41, row[5]);
        Assert.Null(row[6]);
        Assert.Equal(2019L, Convert.ToInt64(row[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(row[8], System.Globalization.CultureInfo.InvariantCulture));
        var types = lake.Query("SELECT typeof(fare_amount), typeof(pickup_at), typeof(passenger_count), typeof(store_and_forward) FROM tripdata LIMIT 1").Rows[0];
        Assert.Equal(["DECIMAL(10,2)", "TIMESTAMP", "INTEGER", "BOOLEAN"], types.Select(t => (string)t!));
    }

    [Fact]
    public async Task The_2015_layout_is_reported_as_drift_and_every_row_is_quarantined_with_the_missing_column()
    {
        using var lake = new TestLake();
        await lake.IngestAsync("tripdata", TestLake.Repo_Sample("sample_yellow_tripdata_2019-01.csv"));

        var run = Assert.Single(await lake.IngestAsync("tripdata", TestLake.Repo_Sample("yellow_tripdata_2015-01.csv")));

        Assert.Equal(1999, run.RowsIn);
        Assert.Equal(1999, run.RowsQuarantined);
        Assert.Contains(run.Drift, d => d.Contains("missing columns: PULocationID, DOLocationID", StringComparison.Ordinal));
        Assert.Contains(run.Drift, d => d.Contains("new columns: pickup_longitude", StringComparison.Ordinal));
        Assert.Equal(2, lake.Catalog.SchemaVersions("tripdata").Count);
        var first = lake.Quarantined("tripdata").First();
        Assert.Contains("pickup_location_id: required source column 'PULocationID' is missing from the file", first.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("2", first.GetProperty("values").GetProperty("VendorID").GetString());
        Assert.Equal(4000L, lake.Query("SELECT count(*) FROM tripdata").Rows[0][0]);
    }
}
