namespace Arc.Platform.Processes;

/// <summary>A program to run: its file, its arguments (never a shell line), its environment and directory.</summary>
public sealed record ChildCommand(string File, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables set for the child, on top of arc's own unless <see cref="OnlyThisEnvironment"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The child gets <see cref="Environment"/> and nothing of arc's environment.</summary>
    public bool OnlyThisEnvironment { get; init; }

    /// <summary>Where it runs; null is arc's own working directory.</summary>
    public string? WorkingDirectory { get; init; }

    public override string ToString() => string.Join(' ', Arguments.Prepend(File));
}

/// <summary>What a child that ran to the end (or was stopped at its time limit) printed, and how it exited.</summary>
public sealed record ChildResult(int ExitCode, string Output, string Error)
{
    /// <summary>The shell's exit code for a command that could not be run at all.</summary>
    public const int NotRunnable = 127;

    /// <summary>The exit code reported for a child killed at its time limit.</summary>
    public const int TimedOut = -1;

    public bool Succeeded => ExitCode == 0;

    /// <summary>The program is not installed (or not executable): an expected answer (no Docker here), not an error.</summary>
    public static ChildResult CouldNotRun(string file, string reason) => new(NotRunnable, "", $"could not run {file}: {reason}");

    /// <summary>The last lines of stderr (or stdout when stderr is empty): what an error message should quote.</summary>
    public string Tail(int lines = 6)
    {
        var text = string.IsNullOrWhiteSpace(Error) ? Output : Error;
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", all.TakeLast(lines));
    }
}
