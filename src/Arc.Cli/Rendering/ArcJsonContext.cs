using System.Text.Json.Serialization;
using Arc.Cli.Commands;
using Arc.Platform.Bench;

namespace Arc.Cli.Rendering;

/// <summary>
/// Every JSON document the arc command prints (DESIGN.md §4), in one source-generated context:
/// snake_case property names throughout, and no reflection, so Native AOT stays trim-safe.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ProfilesDocument))]
[JsonSerializable(typeof(VerifyDocument))]
[JsonSerializable(typeof(ServicesDocument))]
[JsonSerializable(typeof(BenchResult))]
[JsonSerializable(typeof(BenchSkipped))]
[JsonSerializable(typeof(ServiceReportDocument))]
[JsonSerializable(typeof(UpDocument))]
internal sealed partial class ArcJsonContext : JsonSerializerContext;
