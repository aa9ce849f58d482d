namespace Arc.Platform.Technologies;

/// <summary>
/// A compose <c>command:</c> seen as a server invocation. Upstream images prefix a command that
/// starts with a flag with their server binary, so the binary is either named first or implied.
/// </summary>
internal sealed record ServerCommand(string Binary, IReadOnlyList<string> Arguments)
{
    public static ServerCommand From(IReadOnlyList<string> command, string defaultBinary) =>
        command.Count > 0 && !command[0].StartsWith('-')
            ? new ServerCommand(Path.GetFileName(command[0]), [.. command.Skip(1)])
            : new ServerCommand(defaultBinary, command);

    /// <summary>The skip remedy when <see cref="Binary"/> is not on this machine.</summary>
    public NativeLaunchPlan NotInstalled(string debianPackage) =>
        NativeLaunchPlan.Missing($"{Binary} is not installed: run `sudo apt-get install -y {debianPackage}`, or use --driver docker");
}
