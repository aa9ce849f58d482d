using System.Text.Json.Serialization;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// What <c>.arc/run/&lt;codename&gt;.json</c> remembers about a started process. The start time in
/// clock ticks since boot identifies the process together with the pid, so a reused pid is never
/// mistaken for ours.
/// </summary>
public sealed record ProcessRecord(
    string Name,
    int Pid,
    ulong StartTicks,
    string Executable,
    IReadOnlyList<string> Arguments,
    string User,
    DateTimeOffset StartedAt);

public sealed record NativeRunRecord(
    string Codename,
    ProcessRecord Server,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlyList<ProcessRecord> Sidecars);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NativeRunRecord))]
internal sealed partial class NativeStateJsonContext : JsonSerializerContext;
