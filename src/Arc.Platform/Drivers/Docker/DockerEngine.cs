using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Docker;

/// <summary>The docker half of `--driver auto`: whether an engine answers here, and the driver that uses it.</summary>
/// <param name="technologyFor">Each service's technology, for the files its containers mount; null mounts none.</param>
public sealed class DockerEngine(string root, DockerDriverOptions options, Func<ServiceDefinition, ITechnology>? technologyFor = null)
{
    /// <summary>A dead socket answers in milliseconds; a hung engine must not stall every `arc` command.</summary>
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(5);

    public IServiceDriver Driver => DockerDriver;

    public DockerDriver DockerDriver { get; } = new(root, options, technologyFor);

    /// <summary>True when `docker version` reaches a server: the CLI exists and DOCKER_HOST (or the default socket) answers.</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(options.Docker, ["version", "--format", "{{.Server.Version}}"], cancellationToken, AnswerLimit);
        return result.Succeeded && result.Output.Trim().Length > 0;
    }
}
