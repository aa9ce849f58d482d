using System.Runtime.CompilerServices;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Text;

namespace Arc.Platform.Drivers.Docker;

/// <summary>
/// The docker driver's members of highly available topologies (`arc up --ha --driver docker`): each member is one
/// container of the compose project <see cref="ProjectName"/>, from a compose file arc generates for it
/// (<see cref="MemberComposeFile"/>) out of the native plan, so both drivers run the one topology of service.yaml.
/// </summary>
/// <param name="planner">Plans members and prepares their state as natively (the data directories are shared).</param>
/// <param name="compose">The compose tool, detected once by the driver.</param>
/// <param name="ensureImage">Builds the service's image from its own compose file when the engine lacks it.</param>
internal sealed class TopologyContainers(string root, DockerDriverOptions options, NativeDriver planner,
    Func<CancellationToken, Task<ComposeTool>> compose, Func<ServiceDefinition, CancellationToken, Task> ensureImage)
{
    public const string ProjectName = "arc-platform-ha";

    private string Directory => Path.Combine(Path.GetFullPath(root), ".arc", "docker-ha");

    public string FileOf(string codename) => Path.Combine(Directory, codename + ".yml");

    /// <summary>A member it generated a compose file for (kept by `down`, deleted by `clean`).</summary>
    public bool KeepsStateFor(string codename) => File.Exists(FileOf(codename));

    /// <summary>The member's container: the service's container name with the member's suffix (arc-cache-sentinel-1).</summary>
    public static string ContainerOf(ServiceDefinition member) => member.Name + member.Codename[member.Member!.Parent.Length..];

    public async Task<StartOutcome> StartAsync(ServiceDefinition member, CancellationToken cancellationToken)
    {
        var before = await ContainerState.InspectAsync(options.Docker, ContainerOf(member), cancellationToken);
        if (before?.Running == true)
            return new StartOutcome(StartKind.AlreadyRunning, $"compose project {ProjectName}: {before.Describe()}");
        await ensureImage(member, cancellationToken);
        var plan = planner.PrepareElsewhere(member);
        if (plan.MissingRuntimeRemedy is { } remedy)
            return new StartOutcome(StartKind.Skipped, $"{remedy} (the docker driver runs a topology's members with the native plan's command lines)");
        var file = FileOf(member.Codename);
        WriteOwnerOnly(file, MemberComposeFile.Render(member, ContainerOf(member), plan, planner.Paths.DataDirectory(member.Codename), NativeDriver.ServerUserIds()));
        await RequireAsync(member, ["up", "-d"], "start", cancellationToken);
        var after = await ContainerState.InspectAsync(options.Docker, ContainerOf(member), cancellationToken);
        return new StartOutcome(StartKind.Started, $"compose project {ProjectName}: {after?.Describe() ?? "no container"}");
    }

    /// <summary>Its container goes; its data directory stays.</summary>
    public async Task StopAsync(ServiceDefinition member, CancellationToken cancellationToken)
    {
        if (KeepsStateFor(member.Codename))
            await RequireAsync(member, ["down"], "stop", cancellationToken);
    }

    /// <summary>Its container, data directory, logs and generated compose file go.</summary>
    public async Task CleanAsync(ServiceDefinition member, CancellationToken cancellationToken)
    {
        await StopAsync(member, cancellationToken);
        await planner.CleanAsync(member, cancellationToken);
        var file = FileOf(member.Codename);
        StateTree.CheckFile(file);
        File.Delete(file);
    }

    public async Task<RuntimeInfo> InspectAsync(ServiceDefinition member, CancellationToken cancellationToken)
    {
        var state = await ContainerState.InspectAsync(options.Docker, ContainerOf(member), cancellationToken);
        return state is null
            ? new RuntimeInfo(false, "", [], [], $"no container {ContainerOf(member)}")
            : new RuntimeInfo(state.Running, $"container {state.Name} {state.Id}", [.. member.Ports.Select(p => $"127.0.0.1:{p.Host} (host network)")], [], state.Describe());
    }

    public async IAsyncEnumerable<string> LogsAsync(ServiceDefinition member, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!KeepsStateFor(member.Codename))
            yield break;
        var tool = await compose(cancellationToken);
        var command = follow ? new[] { "logs", "--no-color", "-f" } : ["logs", "--no-color"];
        await foreach (var line in ToolProcess.LinesAsync(tool.File, Arguments(tool, member, command), cancellationToken))
            yield return line;
    }

    private async Task RequireAsync(ServiceDefinition member, string[] command, string verb, CancellationToken cancellationToken)
    {
        var tool = await compose(cancellationToken);
        var result = await ToolProcess.RunAsync(tool.File, Arguments(tool, member, command), cancellationToken);
        if (!result.Succeeded)
            throw new DriverException($"{member.Codename}: could not {verb} with compose -p {ProjectName} -f {Path.GetRelativePath(root, FileOf(member.Codename))} {string.Join(' ', command)}: {result.Tail()}");
    }

    private string[] Arguments(ComposeTool tool, ServiceDefinition member, string[] command) =>
        [.. tool.Prefix, "-p", ProjectName, "-f", FileOf(member.Codename), .. command];

    /// <summary>As arc writes its other files under .arc/: a checked directory and file, replaced, never written through a link.</summary>
    private void WriteOwnerOnly(string file, string content)
    {
        StateTree.EnsureDirectory(Directory);
        StateTree.CheckFile(file);
        ReplacingWriter.Write(file, content, MemberComposeFile.Mode);
    }
}
