using System.Text.Json;
using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Local;
using SocarDataLake.Producers.Records;

namespace SocarDataLake.Producers.Tests;

public sealed class CsvRecordsTests
{
    private static MemoryStream Utf8(string csv) => new(System.Text.Encoding.UTF8.GetBytes(csv));

    private static List<Dictionary<string, string>> Records(string csv) =>
        CsvRecords.Read(Utf8(csv), "test.csv")
            .Select(r => JsonSerializer.Deserialize<Dictionary<string, string>>(r.ToJson())!)
            .ToList();

    [Fact]
    public void Each_row_becomes_an_object_keyed_by_the_header_with_string_values()
    {
        var rows = Records("vehiclenumber,kms_driven,rating\nKA01AB1234,42.5,Good\nMH12CD0001,7,Bad\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(new Dictionary<string, string> { ["vehiclenumber"] = "KA01AB1234", ["kms_driven"] = "42.5", ["rating"] = "Good" }, rows[0]);
        Assert.Equal("7", rows[1]["kms_driven"]);
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_quotes_and_line_breaks()
    {
        var rows = Records("id,customer,note\r\n1,\"Rao, Priya\",\"said \"\"great\"\"\"\r\n2,\"Iyer\",\"two\nlines\"\r\n");

        Assert.Equal("Rao, Priya", rows[0]["customer"]);
        Assert.Equal("said \"great\"", rows[0]["note"]);
        Assert.Equal("two\nlines", rows[1]["note"]);
    }

    [Fact]
    public void Empty_values_stay_empty_strings_and_blank_lines_are_skipped()
    {
        var rows = Records("\uFEFFa,b,c\n,,\n1,,\n\n2,\"\",3");

        Assert.Equal(3, rows.Count);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "", ["b"] = "", ["c"] = "" }, rows[0]);
        Assert.Equal(("1", "", ""), (rows[1]["a"], rows[1]["b"], rows[1]["c"]));
        Assert.Equal(("2", "", "3"), (rows[2]["a"], rows[2]["b"], rows[2]["c"]));
    }

    [Fact]
    public void A_row_with_another_field_count_is_refused_with_its_line()
    {
        var error = Assert.Throws<LakeException>(() => Records("a,b\n1,2\n3,4,5\n"));

        Assert.Contains("test.csv: line 3 has 3 fields but the header has 2", error.Message, StringComparison.Ordinal);
    }

    // The local lake ends lines at LF, CRLF or a CR alone (old Mac files); stream-csv reads the same file the same way.
    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Rows_end_at_any_line_end_and_keep_the_line_they_start_on(string end)
    {
        var rows = CsvRecords.Read(Utf8($"a,b{end}1,2{end}{end}3,\"x{end}y\"{end}4,5{end}"), "test.csv").ToList();

        Assert.Equal([(2L, "1", "2"), (4L, "3", $"x{end}y"), (6L, "4", "5")], rows.Select(r => (r.Line, r.Value(0), r.Value(1))));
    }

    [Fact]
    public void A_refused_row_is_named_by_the_file_line_it_starts_on_counting_lines_inside_quotes_and_blank_lines()
    {
        var width = Assert.Throws<LakeException>(() => Records("a,b\r1,\"x\ny\"\r\r2,3,4\r"));
        var unclosed = Assert.Throws<LakeException>(() => Records("a,b\n1,2\n\n3,\"open\n4,5\n"));

        Assert.Equal("test.csv: line 5 has 3 fields but the header has 2; fix the row (quote values holding ',').", width.Message);
        Assert.Equal("test.csv: line 4: a quoted field is never closed (a '\"' is missing).", unclosed.Message);
    }

    [Theory]
    [InlineData("a,a\n1,2\n", "the column 'a' twice")]
    [InlineData("a,,c\n1,2,3\n", "an empty column name")]
    [InlineData("a,b\n1,\"open\n", "a quoted field is never closed")]
    [InlineData("", "the file is empty")]
    public void Unusable_csv_is_refused_saying_why(string csv, string expected)
    {
        var error = Assert.Throws<LakeException>(() => Records(csv));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    // stream-csv and lake ingest read a header the same way, so a file is never one set of columns to one and
    // another set (or refused) to the other.
    [Theory]
    [InlineData("VendorID,fare\"s,total_amount\n1,2,3\n")]
    [InlineData("VendorID,\"fare\"x,total_amount\n1,2,3\n")]
    [InlineData("VendorID,\"fare,total_amount\n1,2,3\n")]
    public void A_stray_quote_in_the_header_is_refused_with_the_words_lake_ingest_quarantines_it_with(string csv)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("csv-header-").FullName, "trips.csv");
        File.WriteAllText(file, csv);
        var ingest = RawSniffer.Sniff(file, ContractLoader.LoadFile(Repo.Path("datasets", "tripdata.json"))).Problem;

        var error = Assert.Throws<LakeException>(() => CsvRecords.Read(Utf8(csv), "trips.csv").ToList());

        Assert.StartsWith("trips.csv: line 1 (the header) has a stray quote", ingest, StringComparison.Ordinal);
        Assert.Equal(ingest + ".", error.Message);
    }

    [Fact]
    public void Header_names_are_the_names_lake_ingest_reads_unquoted_and_trimmed()
    {
        const string csv = "\uFEFF VendorID ,\"fare \"\"net\"\", USD\",  total_amount\n1,2,3\n";
        var file = Path.Combine(Directory.CreateTempSubdirectory("csv-header-").FullName, "trips.csv");
        File.WriteAllText(file, csv);
        var ingest = RawSniffer.Sniff(file, ContractLoader.LoadFile(Repo.Path("datasets", "tripdata.json")));

        var row = Assert.Single(CsvRecords.Read(Utf8(csv), "trips.csv"));

        Assert.Equal(["VendorID", "fare \"net\", USD", "total_amount"], row.Header);
        Assert.Equal(ingest.Header, row.Header);
    }
}
