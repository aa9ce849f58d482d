using System.Text.Json;
using System.Text.Json.Serialization;
using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;
using Arc.Platform.Technologies;

namespace Arc.Cli.Rendering;

/// <summary>DESIGN.md §4's services document (`health`, `status`, `up`) as JSON or as a table.</summary>
internal static class ServiceReportRendering
{
    /// <param name="absent">Profile members not in this repository (`up`): listed, never started.</param>
    public static void Write(CliContext context, LifecycleResult result, bool withElapsed = false, IReadOnlyList<string>? absent = null)
    {
        var rows = result.Services.Select(ToRow).ToList();
        absent ??= [];
        if (context.Json)
        {
            var json = withElapsed
                ? JsonSerializer.Serialize(new UpDocument(rows, (long)result.Elapsed.TotalMilliseconds, absent), ArcJsonContext.Default.UpDocument)
                : JsonSerializer.Serialize(new ServiceReportDocument(rows), ArcJsonContext.Default.ServiceReportDocument);
            context.Out.WriteLine(json);
            return;
        }
        var table = new TextTable("CODENAME", "STATUS", "DRIVER", "ENDPOINT", "LATENCY", "DETAIL");
        foreach (var row in rows)
            table.Add(row.Codename, row.Status, row.Driver, row.Endpoint, row.LatencyMs is { } ms ? $"{ms:0.##} ms" : "-", row.Detail);
        table.WriteTo(context.Out);
        if (absent.Count > 0)
            context.Out.WriteLine($"absent (not in this repository, not started): {string.Join(", ", absent)}");
        if (withElapsed)
            context.Out.WriteLine($"done in {result.Elapsed.TotalMilliseconds:0} ms");
    }

    private static ServiceRow ToRow(ServiceReport report) => new(
        report.Codename, report.Name, report.Status.ToString().ToLowerInvariant(), report.Driver, report.Endpoint, report.LatencyMs,
        RemedyText.After(report.Detail, report.Remedy))
    {
        Provisioned = report.Provisioned?.Select(i => new ProvisionedRow(i.Kind, i.Name, ProvisionedItem.ActionText(i.Action), i.Detail)).ToList(),
        MemberOf = report.MemberOf,
        Role = report.Role?.Role,
        Leads = report.Role is { Leads.Count: > 0 } role ? role.Leads : null,
    };
}

internal sealed record ServiceRow(string Codename, string Name, string Status, string Driver, string Endpoint, double? LatencyMs, string Detail)
{
    /// <summary>`up` only: what provisioning did for a service that became healthy; left out of other rows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ProvisionedRow>? Provisioned { get; init; }

    /// <summary>A member of a highly available topology: the service it belongs to ("flash" for flash-2); left out of other rows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MemberOf { get; init; }

    /// <summary>`status` of a member: meta-leader|follower (NATS), primary|replica (Redis), sentinel (primary …).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    /// <summary>`status` of a NATS member: the streams whose Raft leader it is.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Leads { get; init; }
}

internal sealed record ProvisionedRow(
    string Kind,
    string Name,
    string Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail);

internal sealed record ServiceReportDocument(IReadOnlyList<ServiceRow> Services);

internal sealed record UpDocument(IReadOnlyList<ServiceRow> Services, long ElapsedMs, IReadOnlyList<string> Absent);
