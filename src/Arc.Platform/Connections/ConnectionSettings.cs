using Arc.Platform.Consumers;
using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Connections;

/// <summary>One environment variable `arc env` prints, and the group it belongs to ("generic", ".NET", a consumer's name).</summary>
public sealed record EnvVariable(string Name, string Value, string Group);

/// <summary>A selected service whose settings are left out, why, and what runs it instead when that is one of arc's own options.</summary>
public sealed record EnvOmission(string Codename, string Status, string Reason, Remedy? Remedy = null);

/// <summary>What `arc env` prints: the connection settings of the selected services, seen from <see cref="Network"/>.</summary>
public sealed record EnvSettings(NetworkView Network, IReadOnlyList<EnvVariable> Variables, IReadOnlyList<EnvOmission> Omitted)
{
    /// <summary>Selected services installed here but not running: their settings are printed, labelled so (status "stopped").</summary>
    public IReadOnlyList<EnvOmission> Stopped { get; init; } = [];

    /// <summary>Services `up --insecure` left open: printed without credentials, and labelled so.</summary>
    public IReadOnlyList<string> Insecure { get; init; } = [];
}

/// <summary>
/// The connection settings of the selected services as their driver runs them, under the names
/// clients read: the generic ones (NATS_URL ...), .NET configuration's (ConnectionStrings__flash),
/// and every consumer's own (services/consumers.yaml). Only values needed to connect are printed.
/// </summary>
public static class ConnectionSettings
{
    public const string GenericGroup = "generic";
    public const string DotnetGroup = ".NET configuration";

    /// <summary>
    /// `arc env TARGET...`: the <paramref name="selection"/> of <paramref name="registry"/>, inspected with the chosen driver;
    /// services/consumers.yaml read with the sections the technologies register.
    /// </summary>
    public static async Task<EnvSettings> ForAsync(ServiceLifecycle lifecycle, ServiceRegistry registry, TargetSelection selection, DriverChoice choice,
        NetworkView view, IReadOnlyList<ConsumerSection> consumerSections, CancellationToken cancellationToken)
    {
        var consumers = ConsumersFile.LoadUnder(registry.Root, consumerSections);
        RefuseUnsafe(consumers, registry, lifecycle.ConnectionOf);
        var settings = await CollectAsync(selection, s => lifecycle.DriverForAsync(s, choice, cancellationToken), lifecycle.ConnectionOf, consumers, view, cancellationToken);
        return await TopologySettings.ApplyAsync(settings, selection, lifecycle, choice, consumers, cancellationToken);
    }

    /// <summary>
    /// A consumer setting `arc env` must not print (<see cref="SettingNames.Problems"/>: reserved, generic, conflicting,
    /// naming no service) is an error located in consumers.yaml: printing the others would hide it.
    /// </summary>
    public static void RefuseUnsafe(IReadOnlyList<Consumer> consumers, ServiceRegistry registry, Func<ServiceDefinition, ClientConnection> connectionOf)
    {
        var problems = SettingNames.Problems(consumers, GenericNames(registry.Services, connectionOf), codename => registry.Services.Any(s => s.Codename == codename));
        if (problems.Count > 0)
            throw new ConfigException(ConsumersFile.RelativePath, problems[0].Setting.Line, 1, problems[0].Reason);
    }

    /// <summary>The generic names `arc env` prints for <paramref name="services"/> (NATS_URL, PULSAR_ADMIN_URL ...).</summary>
    public static IEnumerable<string> GenericNames(IEnumerable<ServiceDefinition> services, Func<ServiceDefinition, ClientConnection?> connectionOf) =>
        services.Select(connectionOf).OfType<ClientConnection>().SelectMany(c => new[] { c.GenericUrl, c.GenericAdminUrl }).OfType<string>().Distinct();

    /// <summary>
    /// Inspects each selected service with its driver: one whose runtime is not installed here
    /// (skipped by `up`) is left out with its reason; the others are listed, running or not.
    /// </summary>
    public static async Task<EnvSettings> CollectAsync(TargetSelection selection, Func<ServiceDefinition, Task<IServiceDriver>> driverFor,
        Func<ServiceDefinition, ClientConnection> connectionOf, IReadOnlyList<Consumer> consumers, NetworkView view, CancellationToken cancellationToken)
    {
        var inspected = await Task.WhenAll(selection.Services.Select(async s => (Service: s, Runtime: await (await driverFor(s)).InspectAsync(s, cancellationToken))));
        var omitted = inspected.Where(i => i.Runtime.RuntimeMissing).Select(i => new EnvOmission(i.Service.Codename, "skipped", i.Runtime.Detail, i.Runtime.Remedy)).ToList();
        var present = inspected.Where(i => !i.Runtime.RuntimeMissing).Select(i => i.Service).ToList();
        var stopped = inspected.Where(i => !i.Runtime.RuntimeMissing && !i.Runtime.Running)
            .Select(i => new EnvOmission(i.Service.Codename, "stopped", $"installed but not running; its settings reach nothing until `arc up {i.Service.Codename}`")).ToList();
        var insecure = present.Where(s => Secrets.UpCredentials.IsInsecure(s, connectionOf(s))).Select(s => s.Codename).ToList();
        return new EnvSettings(view, Variables(present, connectionOf, consumers, view), omitted) { Stopped = stopped, Insecure = insecure };
    }

    /// <summary>The variables for <paramref name="services"/>: generic, then .NET, then each consumer's settings of those services.</summary>
    public static IReadOnlyList<EnvVariable> Variables(IReadOnlyList<ServiceDefinition> services, Func<ServiceDefinition, ClientConnection> connectionOf,
        IReadOnlyList<Consumer> consumers, NetworkView view)
    {
        var variables = new List<EnvVariable>();
        // The first service of a technology owns its generic names; a second one is reached by its .NET and consumer names.
        foreach (var service in services.DistinctBy(s => s.Tech))
            variables.AddRange(ServiceEndpoints.Generic(service, connectionOf(service), view).Select(g => new EnvVariable(g.Name, g.Value, GenericGroup)));
        foreach (var service in services)
        {
            var dotnet = ServiceEndpoints.Dotnet(service, connectionOf(service), view);
            variables.Add(new EnvVariable(dotnet.Name, dotnet.Value, DotnetGroup));
        }
        var byCodename = services.ToDictionary(s => s.Codename, StringComparer.Ordinal);
        foreach (var consumer in consumers)
            foreach (var setting in consumer.Settings)
                if (byCodename.TryGetValue(setting.Service, out var service)
                    && ServiceEndpoints.Resolve(service, connectionOf(service), setting, view) is { } value)
                    variables.Add(new EnvVariable(setting.Variable, value, consumer.Name));
        return variables;
    }
}
