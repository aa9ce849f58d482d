using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// Applies a technology's <see cref="FlagFact"/>s to the compose command's arguments, in order, for a local process:
/// container ports become the host ports service.yaml publishes, directories move under the data directory, every
/// listener binds to loopback, container-only flags go and generated files are written beside the data.
/// Everything else the compose file says survives unchanged.
/// </summary>
internal static class ArgumentEditor
{
    /// <summary>The edited arguments, the host port of each port flag (by service.yaml name), and the files to write.</summary>
    internal sealed record Edited(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, int> Ports, Dictionary<string, string> Files);

    public static Edited Apply(IReadOnlyList<FlagFact> facts, IReadOnlyList<string> arguments, ServiceDefinition service,
        ComposeService compose, NativeLaunchContext context)
    {
        var flags = new CommandLineFlags(arguments);
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>();
        foreach (var fact in facts)
        {
            var aliases = fact.Aliases.ToArray();
            switch (fact)
            {
                case PortFlag port:
                    var hostPort = ComposePorts.HostPort(service, compose, flags.Value(aliases), port.PortName);
                    ports[port.PortName] = hostPort;
                    flags.Set(hostPort.ToString(), aliases);
                    break;
                case DataDirectoryFlag directory:
                    flags.Set(directory.Under is null ? context.DataDirectory : Path.Combine(context.DataDirectory, directory.Under), aliases);
                    break;
                case ListenAddressFlag:
                    flags.Set(ServiceEndpoint.LoopbackHost, aliases);
                    break;
                case FixedFlag fixedFlag:
                    flags.Set(fixedFlag.Value, aliases);
                    break;
                case DroppedFlag:
                    flags.Remove(aliases);
                    break;
                case FileFlag file:
                    AddFile(file, flags, aliases, context, files);
                    break;
            }
        }
        return new Edited(flags.Arguments, ports, files);
    }

    /// <summary>What a technology's content generators read.</summary>
    public static FileInput Input(NativeLaunchContext context, string? composeValue) =>
        new(context.DataDirectory, ServiceEndpoint.LoopbackHost, context.Credentials, composeValue);

    private static void AddFile(FileFlag file, CommandLineFlags flags, string[] aliases, NativeLaunchContext context, Dictionary<string, string> files)
    {
        var composeValue = flags.Value(aliases);
        if (file.Content(Input(context, composeValue)) is not { } content)
            return;
        // The compose command's file is a path inside the image; natively the same file sits next to the data.
        var name = file.NamedByCompose && composeValue is not null ? Path.GetFileName(composeValue) : file.FileName;
        var path = Path.Combine(context.DataDirectory, name);
        flags.Set(path, aliases);
        files[path] = content;
    }
}
