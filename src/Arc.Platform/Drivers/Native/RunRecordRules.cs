namespace Arc.Platform.Drivers.Native;

/// <summary>What a run record must hold to be acted on: every field present and sensible.</summary>
internal static class RunRecordRules
{
    public static string? Problem(NativeRunRecord record, string codename)
    {
        if (record.Codename != codename)
            return $"it describes '{record.Codename}', not '{codename}'";
        if (record.Server is null)
            return "no server";
        if (record.Ports is null || record.Sidecars is null)
            return "no ports or sidecars";
        if (record.Ports.Values.Any(p => p is < 1 or > 65535))
            return "a port outside 1-65535";
        return record.Sidecars.Prepend(record.Server).Select(ProcessProblem).FirstOrDefault(p => p is not null);
    }

    private static string? ProcessProblem(ProcessRecord? process)
    {
        if (process is null)
            return "a null process";
        if (string.IsNullOrEmpty(process.Name) || process.User is null || process.Arguments is null || process.Arguments.Any(a => a is null))
            return "a process without name, user or arguments";
        if (process.Pid <= 0)
            return $"{process.Name}: pid {process.Pid}";
        if (process.StartTicks == 0)
            return $"{process.Name}: no start time";
        if (!IsAbsolute(process.Executable) || !IsAbsolute(process.Program))
            return $"{process.Name}: an executable that is not an absolute path";
        return null;
    }

    private static bool IsAbsolute(string? path) => !string.IsNullOrEmpty(path) && path[0] == '/' && !path.Contains('\0');
}
