using System.Globalization;

namespace Arc.Platform.Drivers;

/// <summary>
/// What restarted a service so far: how many restarts and, once there was one, the exit status of the
/// process that died last and the back-off before the next start, in seconds (native: the supervisor's
/// restart line).
/// </summary>
public sealed record RestartState(int Count, int? LastExitStatus, int? DelaySeconds)
{
    public static RestartState None { get; } = new(0, null, null);

    /// <summary><c>COUNT</c> or <c>COUNT EXIT-STATUS DELAY</c>; anything else is no restart.</summary>
    public static RestartState Parse(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !TryCount(words[0], out var count))
            return None;
        if (words.Length == 3 && TryCount(words[1], out var status) && TryCount(words[2], out var delay))
            return new RestartState(count, status, delay);
        return new RestartState(count, null, null);
    }

    /// <summary>"exit status 1, restart 3 in 4 s", as progress and failures word a back-off.</summary>
    public string Describe() =>
        LastExitStatus is { } status && DelaySeconds is { } delay
            ? $"exit status {status}, restart {Count} in {delay} s"
            : $"restart {Count}";

    private static bool TryCount(string word, out int value) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
