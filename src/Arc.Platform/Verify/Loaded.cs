namespace Arc.Platform.Verify;

/// <summary>
/// A repository file that may have failed to load. A missing or malformed file is a violation
/// of whichever rule needs it, so the rules receive the problem instead of an exception.
/// </summary>
public sealed class Loaded<T> where T : class
{
    private Loaded(string file, T? value, int line, string? problem)
    {
        File = file;
        Value = value;
        ProblemLine = line;
        Problem = problem;
    }

    public string File { get; }
    public T? Value { get; }
    public int ProblemLine { get; }
    public string? Problem { get; }

    public static Loaded<T> Of(string file, T value) => new(file, value, 0, null);

    public static Loaded<T> Failed(string file, int line, string problem) => new(file, null, line, problem);

    /// <summary>The load problem reported under <paramref name="rule"/>, or null when the file loaded.</summary>
    public Violation? ProblemFor(string rule) =>
        Value is null ? new Violation(rule, File, Math.Max(1, ProblemLine), Problem ?? "file could not be read") : null;
}
