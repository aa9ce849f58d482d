using System.CommandLine;
using System.Text.Json;
using Arc.Cli.Rendering;
using Arc.Platform.Registry;

namespace Arc.Cli.Commands;

/// <summary>`arc services`: the registry as read from services/*/service.yaml.</summary>
internal static class ServicesCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("services", "List the services declared in services/*/service.yaml");
        CommandRunner.Bind(command, globals, (context, _, _) =>
        {
            var registry = context.LoadRegistry();
            if (context.Json)
                context.Out.WriteLine(JsonSerializer.Serialize(ToJson(registry), ArcJsonContext.Default.ServicesDocument));
            else
                Table(registry).WriteTo(context.Out);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static TextTable Table(ServiceRegistry registry)
    {
        var table = new TextTable("CODENAME", "NAME", "ROLE", "TECH", "PORTS", "METRICS", "DEPENDS ON");
        foreach (var s in registry.Services)
            table.Add(s.Codename, s.Name, s.Role, s.Tech,
                string.Join(",", s.Ports.Select(p => p.Host == p.Container ? $"{p.Name}:{p.Host}" : $"{p.Name}:{p.Host}->{p.Container}")),
                s.Metrics is { } m ? $"{m.Service}:{m.Port}{m.Path}" : "-",
                s.DependsOn.Count == 0 ? "-" : string.Join(",", s.DependsOn));
        return table;
    }

    private static ServicesDocument ToJson(ServiceRegistry registry) => new(
        [.. registry.Services.Select(s => new ServiceJson(
            s.Codename, s.Name, s.Role, s.Tech, s.Description, s.Image,
            [.. s.Ports.Select(p => new PortJson(p.Name, p.Host, p.Container))],
            new HealthJson(s.Health.Port, s.Health.Path, s.Health.Line),
            s.Metrics is { } m ? new MetricsJson(m.Service, m.Port, m.Path, m.Exporter) : null,
            s.DependsOn,
            s.Timeout is { } timeout ? (int)timeout.TotalSeconds : null))]);
}

internal sealed record ServicesDocument(IReadOnlyList<ServiceJson> Services);

internal sealed record ServiceJson(
    string Codename, string Name, string Role, string Tech, string Description, string Image,
    IReadOnlyList<PortJson> Ports, HealthJson Health, MetricsJson? Metrics, IReadOnlyList<string> DependsOn, int? TimeoutS);

internal sealed record PortJson(string Name, int Host, int Container);

/// <summary><see cref="Line"/>: the <c>health:</c> line as written; <see cref="Port"/> and <see cref="Path"/> are what arc probes.</summary>
internal sealed record HealthJson(string Port, string? Path, string? Line);

internal sealed record MetricsJson(string Service, int Port, string Path, string? Exporter);
