using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Yaml;

namespace Arc.Platform.Drivers.Native;

/// <summary>Stop and clean: by the run record, or by what can be proven when the record is unreadable.</summary>
public sealed partial class NativeDriver
{
    public async Task StopAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var read = _records.Load(service.Codename);
        if (read.Problem is { } problem)
        {
            var ports = service.Ports.Select(p => (p.Name, p.Host)).ToList();
            await new ProvenServers(Paths, _options.StopGrace, _host).StopAsync(service.Codename, ports, ExecutablesOf(service), problem, cancellationToken);
            _records.Delete(service.Codename);
            return;
        }
        if (read.Record is not { } record)
            return;
        await _stopper.StopAllAsync(record, cancellationToken);
        _records.Delete(service.Codename);
    }

    /// <summary>The server and exporter executables the compose file names, or none when it cannot be read.</summary>
    private IReadOnlyList<string> ExecutablesOf(ServiceDefinition service)
    {
        try
        {
            var plan = Plan(service);
            return [.. plan.Sidecars.Prepend(plan).Where(p => p.Executable.Length > 0).Select(p => LaunchChain.RealPath(p.Executable))];
        }
        catch (Exception e) when (e is ConfigException or DriverException)
        {
            return [];
        }
    }

    public async Task CleanAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        await StopAsync(service, cancellationToken);
        var data = Paths.DataDirectory(service.Codename);
        try
        {
            StateTree.CheckDirectory(data, ownedByServerUser: true);
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
            foreach (var log in StateFilesOf(service.Codename))
                File.Delete(log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DriverException($"{service.Codename}: could not delete its data: {e.Message}");
        }
    }

    private IEnumerable<string> StateFilesOf(string codename) =>
        Directory.Exists(Paths.LogDirectory)
            ? Directory.GetFiles(Paths.LogDirectory, codename + ".*").Concat(Directory.GetFiles(Paths.LogDirectory, codename + "-*"))
            : [];
}
