namespace Arc.Cli;

/// <summary>
/// What a command reads from the console besides the writers it prints to: terminal facts (for the
/// live progress line and the clean confirmation), the terminal width, and a line typed on stdin.
/// Injected through <see cref="ArcServices"/>, so commands run over a fake console in tests.
/// </summary>
public interface IConsoleIO
{
    /// <summary>Whether <paramref name="error"/> is the process's stderr and that is a terminal: only then is a line redrawn in place.</summary>
    bool IsTerminal(TextWriter error);

    /// <summary>Whether stdin is a terminal a person can answer on.</summary>
    bool InputIsTerminal { get; }

    /// <summary>Columns of the terminal; asked only when stderr is one.</summary>
    int Width { get; }

    /// <summary>One line typed on stdin, or null at its end.</summary>
    string? ReadLine();
}

/// <summary>The real process console.</summary>
public sealed class SystemConsoleIO : IConsoleIO
{
    public static SystemConsoleIO Instance { get; } = new();

    private SystemConsoleIO()
    {
    }

    public bool IsTerminal(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    public bool InputIsTerminal => !Console.IsInputRedirected;

    public int Width => Console.WindowWidth;

    public string? ReadLine() => Console.ReadLine();
}
