using System.Globalization;

namespace Arc.Platform.Drivers.Native;

/// <summary>What /proc says about a pid: alive or not, when it started, what it runs, which group it is in.</summary>
internal static class ProcessTable
{
    private const string DeletedSuffix = " (deleted)";

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat; null when the pid is gone or a zombie (dead but not yet reaped).</summary>
    public static ulong? StartTicks(int pid) =>
        StatFields(pid) is { } fields && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    /// <summary>
    /// When the pid started, as wall-clock time: the boot time of /proc/stat plus its start ticks. The
    /// kernel reports ticks in USER_HZ, which is 100 on every Linux architecture. Null when it is gone.
    /// </summary>
    public static DateTimeOffset? StartedAt(int pid) =>
        StartTicks(pid) is { } ticks && BootTime() is { } boot ? boot.AddSeconds(ticks / (double)UserHz) : null;

    private const int UserHz = 100;

    private static DateTimeOffset? BootTime()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            return line is not null && long.TryParse(line.AsSpan(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The process group (field 5 of stat); null when the pid is gone or a zombie.</summary>
    public static int? GroupOf(int pid) =>
        StatFields(pid) is { } fields && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group) ? group : null;

    /// <summary>The parent pid (field 4 of stat); null when the pid is gone or a zombie.</summary>
    public static int? ParentOf(int pid) =>
        StatFields(pid) is { } fields && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;

    private static string[]? StatFields(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length < 20 || fields[0] is "Z" or "X" ? null : fields;
    }

    public static string CommandLine(int pid) => string.Join(' ', Arguments(pid));

    /// <summary>argv of a live process; empty when gone or unreadable.</summary>
    public static IReadOnlyList<string> Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The file the process executes (/proc/&lt;pid&gt;/exe), or null when gone or not ours to read.</summary>
    public static string? Executable(int pid)
    {
        try
        {
            var target = new FileInfo($"/proc/{pid}/exe").LinkTarget;
            return target is not null && target.EndsWith(DeletedSuffix, StringComparison.Ordinal) ? target[..^DeletedSuffix.Length] : target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The rule of <see cref="NativeHostQueries.IsSameProcess"/>, asked of this host.</summary>
    public static bool IsSameProcess(ProcessRecord record) => SystemNativeHost.Instance.IsSameProcess(record);

    public static bool IsAlive(int pid) => StartTicks(pid) is not null;

    /// <summary>Every live pid in the process group <paramref name="group"/>.</summary>
    public static IEnumerable<int> GroupMembers(int group) => SystemNativeHost.Instance.GroupMembers(group);

    /// <summary>Every live pid in any of <paramref name="groups"/>, from one pass over /proc.</summary>
    public static IEnumerable<int> GroupsMembers(IReadOnlyCollection<int> groups) => SystemNativeHost.Instance.GroupsMembers(groups);

    /// <summary>
    /// The direct children of <paramref name="pid"/>, from its threads' <c>children</c> files: a few
    /// reads instead of a stat of every process (which costs milliseconds on a busy machine, and the
    /// readiness loop asks often). Null when the kernel does not offer the files.
    /// </summary>
    public static IReadOnlyList<int>? Children(int pid)
    {
        try
        {
            var children = new List<int>();
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                foreach (var word in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                        children.Add(child);
            return children;
        }
        catch (DirectoryNotFoundException)
        {
            return [];   // the process is gone: no children
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static IEnumerable<int> AllPids()
    {
        string[] entries;
        try
        {
            entries = Directory.GetDirectories("/proc");
        }
        catch (IOException)
        {
            return [];
        }
        return entries.Select(e => int.TryParse(Path.GetFileName(e), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);
    }
}
