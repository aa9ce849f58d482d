namespace Arc.Platform;

/// <summary>The user named something that does not exist, or combined arguments wrongly (exit code 2).</summary>
public sealed class UsageException(string message) : ArcException(message)
{
    public override int ExitCode => 2;
}
