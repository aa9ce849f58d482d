using Arc.Platform.Drivers;
using Arc.Platform;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Rendering;

/// <summary>
/// A library <see cref="Remedy"/> in the command's own terms, after the message it belongs to. The
/// library says what is wrong and names the way out as data; only here is it spelled as arc's verbs and options.
/// </summary>
internal static class RemedyText
{
    public static string After(string message, Remedy? remedy) => remedy switch
    {
        null => message,
        UseDriver use => $"{message}, or use --driver {Spelled(use.Driver)}",
        StartService start => $"{message}; is it up? try 'arc up {start.Codename}'",
        StopFromProof => $"{message}; `arc down` stops the server by what it can prove, or says what it could not stop",
        _ => throw new ArgumentOutOfRangeException(nameof(remedy), remedy, "a remedy the CLI does not word"),
    };

    /// <summary>A driver as `--driver` spells it.</summary>
    public static string Spelled(DriverChoice driver) => driver.Name;
}
