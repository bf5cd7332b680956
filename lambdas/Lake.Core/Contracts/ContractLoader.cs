using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Core.Contracts;

/// <summary>A contract that cannot be used, with the file and the field (JSON path) at fault.</summary>
public sealed class ContractException(string file, string field, string problem)
    : Exception($"{file}: {field}: {problem}")
{
    public string File { get; } = file;
    public string Field { get; } = field;
}

/// <summary>Loads datasets/*.json and checks everything the compiler and the engines rely on.</summary>
public static partial class ContractLoader
{
    public static readonly IReadOnlyList<string> ScalarTypes = ["string", "int", "bigint", "double", "boolean", "date", "timestamp"];

    public static IReadOnlyList<DatasetContract> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ContractException(directory, "(directory)", "the datasets folder does not exist; pass the folder holding <dataset>.json contracts");
        var contracts = Directory.EnumerateFiles(directory, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(LoadFile)
            .ToList();
        if (contracts.Count == 0) throw new ContractException(directory, "(directory)", "no dataset contracts (*.json) found");
        return contracts;
    }

    public static DatasetContract LoadFile(string path)
    {
        var file = Path.GetFileName(path);
        DatasetContract? contract;
        try
        {
            contract = JsonSerializer.Deserialize(File.ReadAllText(path), ContractJsonContext.Default.DatasetContract);
        }
        catch (JsonException e)
        {
            throw new ContractException(file, e.Path ?? "$", $"not valid contract JSON (line {e.LineNumber + 1}): {e.Message.Split(". Path:")[0]}");
        }
        if (contract is null) throw new ContractException(file, "$", "the file is empty");
        Validate(contract, file);
        return contract;
    }

    public static void Validate(DatasetContract contract, string file)
    {
        if (!DatasetName().IsMatch(contract.Name)) Fail("name", $"'{contract.Name}' is not a dataset name (lowercase letters, digits, '_', starting with a letter, at most 63)");
        if (Path.GetFileNameWithoutExtension(file) != contract.Name) Fail("name", $"'{contract.Name}' must match the file name '{Path.GetFileNameWithoutExtension(file)}'");
        if (contract.Format.Type is not ("csv" or "jsonl")) Fail("format.type", $"'{contract.Format.Type}' is not supported (csv or jsonl)");
        if (contract.Format.Delimiter.Length != 1) Fail("format.delimiter", "must be exactly one character");
        if (contract.Columns.Count == 0) Fail("columns", "a contract needs at least one column");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < contract.Columns.Count; i++)
        {
            var c = contract.Columns[i];
            var at = $"columns[{i}]";
            if (!ColumnName().IsMatch(c.Name)) Fail($"{at}.name", $"'{c.Name}' is not a snake_case column name");
            if (!seen.Add(c.Name)) Fail($"{at}.name", $"'{c.Name}' appears twice");
            if (string.IsNullOrWhiteSpace(c.Source)) Fail($"{at}.source", $"column '{c.Name}' needs the source column it is read from");
            if (!TargetType.TryParse(c.Type, out _)) Fail($"{at}.type", $"'{c.Type}' is not a type ({string.Join(", ", ScalarTypes)}, decimal(p,s) with 1 <= p <= 38 and 0 <= s <= p)");
            if (c.Format is not null && !c.Type.StartsWith("date", StringComparison.Ordinal) && c.Type != "timestamp")
                Fail($"{at}.format", $"a parse format applies to date and timestamp columns, not {c.Type}");
            if (c.Format is not null and not ("epoch_seconds" or "epoch_millis"))
            {
                // Both engines must read the same format: refuse what Spark's datetime patterns or the guard that
                // keeps DuckDB's strptime as strict as Spark's parser cannot say.
                try { ParseFormat.Read(c.Format); }
                catch (FormatException e) { Fail($"{at}.format", e.Message); }
            }
            if ((c.TrueValues is not null || c.FalseValues is not null) && c.Type != "boolean")
                Fail($"{at}.true_values", $"true_values/false_values apply to boolean columns, not {c.Type}");
            if (c.TrueValues is not null && c.FalseValues is not null && c.TrueValues.Intersect(c.FalseValues).Any())
                Fail($"{at}.true_values", "a value cannot be both true and false");
        }

        for (var i = 0; i < contract.Partitioning.Count; i++)
        {
            var p = contract.Partitioning[i];
            var at = $"partitioning[{i}]";
            var column = contract.Columns.FirstOrDefault(c => c.Name == p.Column);
            if (column is null) Fail($"{at}.column", $"'{p.Column}' is not a column of this contract");
            if (p.Transform is not ("identity" or "year" or "month" or "day")) Fail($"{at}.transform", $"'{p.Transform}' is not identity, year, month or day");
            if (p.Transform != "identity" && column!.Type is not ("date" or "timestamp")) Fail($"{at}.transform", $"{p.Transform} needs a date or timestamp column; '{p.Column}' is {column.Type}");
            if (!seen.Add(p.Name)) Fail($"{at}.name", $"'{p.Name}' clashes with a column or another partition");
        }
        if (contract.UnknownColumns is not ("ignore" or "fail")) Fail("unknown_columns", $"'{contract.UnknownColumns}' is not ignore or fail");
        if (contract.BadRows is not ("quarantine" or "fail")) Fail("bad_rows", $"'{contract.BadRows}' is not quarantine or fail");

        void Fail(string field, string problem) => throw new ContractException(file, field, problem);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatasetName();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ColumnName();
}
