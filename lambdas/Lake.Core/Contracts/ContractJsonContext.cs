using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Contracts;

// Source-generated so contracts load inside Native AOT Lambdas without reflection.
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(DatasetContract))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
