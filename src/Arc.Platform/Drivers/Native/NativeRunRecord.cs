using System.Text.Json.Serialization;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// What <c>.arc/run/&lt;codename&gt;.json</c> remembers about a started process: the supervisor's pid, its
/// start time in clock ticks since boot and its executable (together they identify it, so a reused pid
/// is never mistaken for ours), and <see cref="Program"/>, the server executable it supervises.
/// </summary>
public sealed record ProcessRecord(
    string Name,
    int Pid,
    ulong StartTicks,
    string Executable,
    IReadOnlyList<string> Arguments,
    string User,
    DateTimeOffset StartedAt,
    string Program);

public sealed record NativeRunRecord(
    string Codename,
    ProcessRecord Server,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlyList<ProcessRecord> Sidecars);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(NativeRunRecord))]
internal sealed partial class NativeStateJsonContext : JsonSerializerContext;
