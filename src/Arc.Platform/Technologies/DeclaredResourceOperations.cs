using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>The rows one service's own declaration file gave.</summary>
public sealed record ServiceRows<T>(ServiceDefinition Service, IReadOnlyList<T> Rows);

/// <summary>
/// `arc streams|topics list|apply` on demand: every service whose technology declares resources of the
/// kind, each against its own file. A service of the kind without the file has nothing declared.
/// </summary>
public static class DeclaredResourceOperations
{
    public static Task<IReadOnlyList<ServiceRows<ListedResource>>> ListAsync(ServiceRegistry registry, TechnologyCatalog technologies, string verb,
        CancellationToken cancellationToken) =>
        ForEachAsync(registry, technologies, verb, (kind, service, file) => kind.ListAsync(service, file, cancellationToken));

    public static Task<IReadOnlyList<ServiceRows<AppliedResource>>> ApplyAsync(ServiceRegistry registry, TechnologyCatalog technologies, string verb,
        CancellationToken cancellationToken) =>
        ForEachAsync(registry, technologies, verb, (kind, service, file) => kind.ApplyAsync(service, file, cancellationToken));

    private static async Task<IReadOnlyList<ServiceRows<T>>> ForEachAsync<T>(ServiceRegistry registry, TechnologyCatalog technologies, string verb,
        Func<IDeclaredResources, ServiceDefinition, DeclaredFile, Task<IReadOnlyList<T>>> act)
    {
        var providers = technologies.Declaring(registry, verb);
        var declared = providers.Select(p => (p.Service, p.Kind, File: DeclaredFile.Of(p.Service, p.Kind.Kind.FileName))).ToList();
        if (declared.All(d => !d.File.Exists))
            declared[0].File.Require();
        var rows = new List<ServiceRows<T>>();
        foreach (var (service, kind, file) in declared.Where(d => d.File.Exists))
            rows.Add(new ServiceRows<T>(service, await act(kind, service, file)));
        return rows;
    }
}
