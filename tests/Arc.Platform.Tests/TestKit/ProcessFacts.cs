namespace Arc.Platform.Tests.TestKit;

/// <summary>What /proc says about a process, as a test checks it independently of the driver's own code.</summary>
public static class ProcessFacts
{
    /// <summary>Running and not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var status = StatusField(pid, "State:");
        return status is not null && !status.StartsWith('Z') && !status.StartsWith('X');
    }

    public static int? RealUid(int pid) =>
        StatusField(pid, "Uid:") is { } uids ? int.Parse(uids.Split('\t', StringSplitOptions.RemoveEmptyEntries)[0]) : null;

    private static string? StatusField(int pid, string name)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
