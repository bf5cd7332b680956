using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SocarDataLake.Core.Queries;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// A query's state and one page of its rows, written value by value: a row holds whatever types the SQL chose, which
/// no serializer contract can name ahead of time, and reflection is not an option for an app meant for Native AOT.
/// </summary>
internal static class QueryStateJson
{
    public static async Task Write(HttpContext context, QuerySnapshot query, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("id", query.Id);
            json.WriteString("sql", query.Sql);
            json.WriteStartObject("parameters");
            foreach (var (name, value) in query.Parameters)
            {
                json.WritePropertyName(name);
                Value(json, value);
            }
            json.WriteEndObject();
            json.WriteString("state", query.State);
            json.WriteString("error", query.Error);
            json.WritePropertyName("columns");
            if (query.Columns is { } columns)
            {
                json.WriteStartArray();
                foreach (var column in columns) json.WriteStringValue(column);
                json.WriteEndArray();
            }
            else json.WriteNullValue();
            if (query.RowCount is { } rows) json.WriteNumber("row_count", rows);
            else json.WriteNull("row_count");
            json.WriteBoolean("truncated", query.Truncated);
            json.WriteBoolean("rows_kept_truncated", query.RowsKeptTruncated);
            json.WriteBoolean("page_truncated", query.PageTruncated);
            if (query.Notice is { } notice) json.WriteString("notice", notice);
            json.WriteNumber("limit", query.Limit);
            json.WriteNumber("timeout_seconds", query.Timeout.TotalSeconds);
            json.WriteNumber("elapsed_seconds", Math.Round(query.ElapsedSeconds, 3));
            // Bytes scanned and cost only where the engine charges by them (Athena): the local lake's state is as it was.
            if (query.BytesScanned is { } bytes) json.WriteNumber("bytes_scanned", bytes);
            if (query.CostUsd is { } cost) json.WriteNumber("cost_usd", cost);
            json.WriteNumber("offset", query.Offset);
            json.WriteStartArray("rows");
            foreach (var row in query.Rows)
            {
                json.WriteStartArray();
                foreach (var value in row) Value(json, value);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    // Numbers stay numbers where JSON can hold them; everything else reads as `lake query` prints it (dates in ISO
    // 8601, NaN and infinities, lists, structs, blobs in DuckDB's notation, 128-bit integers exactly).
    private static void Value(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case string s: json.WriteStringValue(s); break;
            case sbyte or byte or short or ushort or int: json.WriteNumberValue(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case uint u: json.WriteNumberValue(u); break;
            case long l: json.WriteNumberValue(l); break;
            case ulong u: json.WriteNumberValue(u); break;
            case decimal m: json.WriteNumberValue(m); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            default: json.WriteStringValue(ResultText.Text(value)); break;
        }
    }
}
