namespace Arc.Platform.Drivers.Native;

/// <summary>
/// A configuration file the server itself rewrites (Redis's CONFIG REWRITE, Sentinel's state after a
/// failover): arc writes it whole the first time, and afterwards refreshes only the lines it owns
/// (credentials), keeping what the server learned — the primary a failover chose must survive a restart.
/// </summary>
internal static class ServerOwnedConfig
{
    private const int MaxBytes = 1 << 20;

    /// <param name="ownedPrefixes">Line starts arc owns ("masterauth ", "sentinel auth-pass "): replaced by <paramref name="ownedLines"/>.</param>
    public static string Merge(string path, string initial, IReadOnlyList<string> ownedPrefixes, IReadOnlyList<string> ownedLines)
    {
        // Never through a link the server user planted: only a regular file of sane size is kept.
        if (PosixFiles.Lstat(path) is not { IsRegular: true } || new FileInfo(path).Length > MaxBytes)
            return initial + string.Concat(ownedLines.Select(l => l + "\n"));
        var kept = File.ReadAllLines(path).Where(line => !ownedPrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal)));
        return string.Concat(kept.Concat(ownedLines).Select(l => l + "\n"));
    }
}
