using System.Globalization;
using System.Text.RegularExpressions;

namespace SocarDataLake.Core.Contracts;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The members are the contract type names users write.")]
public enum TypeKind { String, Int, BigInt, Double, Decimal, Boolean, Date, Timestamp }

/// <summary>A contract column's target type; decimals carry precision and scale.</summary>
public sealed partial record TargetType(TypeKind Kind, int Precision = 0, int Scale = 0)
{
    public override string ToString() => Kind switch
    {
        TypeKind.Decimal => $"decimal({Precision},{Scale})",
        TypeKind.BigInt => "bigint",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    public static TargetType Parse(string text) =>
        TryParse(text, out var type) ? type! : throw new FormatException($"'{text}' is not a contract type");

    public static bool TryParse(string text, out TargetType? type)
    {
        type = text switch
        {
            "string" => new TargetType(TypeKind.String),
            "int" => new TargetType(TypeKind.Int),
            "bigint" => new TargetType(TypeKind.BigInt),
            "double" => new TargetType(TypeKind.Double),
            "boolean" => new TargetType(TypeKind.Boolean),
            "date" => new TargetType(TypeKind.Date),
            "timestamp" => new TargetType(TypeKind.Timestamp),
            _ => null,
        };
        if (type is not null) return true;
        var match = DecimalPattern().Match(text);
        if (!match.Success) return false;
        var precision = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var scale = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (precision is < 1 or > 38 || scale > precision) return false;
        type = new TargetType(TypeKind.Decimal, precision, scale);
        return true;
    }

    [GeneratedRegex(@"^decimal\((\d{1,2}),(\d{1,2})\)$")]
    private static partial Regex DecimalPattern();
}
