using Arc.Platform;
using Arc.Platform.Bench;

namespace Arc.Cli.Rendering;

/// <summary>
/// The one line an <see cref="ArcException"/> is printed as. The library says what went wrong; where
/// the remedy is one of arc's own options, it is worded here, in the command's terms.
/// </summary>
internal static class ErrorText
{
    public static string Of(ArcException error) => error switch
    {
        DriverException { Unavailable: { } driver } =>
            $"--driver {RemedyText.Spelled(driver.Requested)}: {error.Message}; use --driver {RemedyText.Spelled(driver.Instead)}",
        BenchLimitException limit => $"{BenchOption(limit.Setting)} {limit.Requested} {limit.Limit}",
        _ => RemedyText.After(error.Message, error.Remedy),
    };

    /// <summary>The `arc bench` option that sets what the server refused.</summary>
    private static string BenchOption(BenchSetting setting) => setting switch
    {
        BenchSetting.Size => "--size",
        BenchSetting.Clients => "--clients",
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "a bench setting with no option"),
    };
}
