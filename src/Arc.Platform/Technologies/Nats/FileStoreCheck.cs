using System.Text.Json;

namespace Arc.Platform.Technologies.Nats;

/// <summary>What the server's monitor says about its JetStream file store, and the space left under it.</summary>
public sealed record FileStoreState(string? StoreDirectory, long? FreeBytes, long? UsedBytes, long? MaxBytes, bool JetStreamEnabled)
{
    /// <summary>Under this much free space a file store takes no more writes worth the name.</summary>
    public const long FullBelowBytes = 1024 * 1024;

    public bool IsFull => FreeBytes < FullBelowBytes || UsedBytes >= MaxBytes && MaxBytes > 0;

    /// <summary>"file store full: 12 KiB free on the file system of /x/jetstream, 1.5 MiB of 1.5 MiB used".</summary>
    public string Describe()
    {
        var free = FreeBytes is { } bytes ? $"{Size(bytes)} free on the file system of {StoreDirectory}" : "free space unknown";
        var used = UsedBytes is { } u && MaxBytes is { } m ? $", {Size(u)} of {Size(m)} used" : "";
        return $"{(IsFull ? "file store full" : "file store")}: {free}{used}";
    }

    private static string Size(long bytes) =>
        bytes >= 1 << 30 ? $"{bytes / (double)(1 << 30):0.#} GiB" : bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.#} MiB" : $"{bytes / 1024.0:0.#} KiB";
}

/// <summary>
/// Reads <c>/varz</c> on the monitor port: where JetStream keeps its files, how much it uses of its
/// limit, and (when that directory is on this machine) how much the file system has left. A full disk
/// makes nats-server switch JetStream off, which clients only see as "JetStream not available".
/// </summary>
public static class FileStoreCheck
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>The store's state, or null when the monitor does not answer.</summary>
    public static async Task<FileStoreState?> ReadAsync(string monitorUrl, string? knownStoreDirectory, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await Client.GetStringAsync($"{monitorUrl}/varz", cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        return Parse(body, knownStoreDirectory);
    }

    internal static FileStoreState? Parse(string varz, string? knownStoreDirectory)
    {
        try
        {
            using var document = JsonDocument.Parse(varz);
            var root = document.RootElement;
            var enabled = root.TryGetProperty("jetstream", out var jetStream) && jetStream.TryGetProperty("config", out _);
            var directory = knownStoreDirectory;
            long? used = null, max = null;
            if (enabled)
            {
                var config = jetStream.GetProperty("config");
                if (config.TryGetProperty("store_dir", out var dir) && dir.ValueKind == JsonValueKind.String)
                    directory = dir.GetString();
                if (config.TryGetProperty("max_storage", out var limit) && limit.TryGetInt64(out var maxBytes))
                    max = maxBytes;
                if (jetStream.TryGetProperty("stats", out var stats) && stats.TryGetProperty("storage", out var storage) && storage.TryGetInt64(out var usedBytes))
                    used = usedBytes;
            }
            return new FileStoreState(directory, FreeBytes(directory), used, max, enabled);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static long? FreeBytes(string? directory)
    {
        // The store directory itself may not exist yet (or any more): its nearest existing ancestor shares its file system.
        for (var current = directory; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (!Directory.Exists(current))
                continue;
            try
            {
                return new DriveInfo(current).AvailableFreeSpace;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Why JetStream failed, when the file store is the cause: "file store full: …", else null. Used by
    /// the deep probe and by stream listing and provisioning to explain what the server said.
    /// </summary>
    public static async Task<string?> ExplainAsync(string monitorUrl, string? knownStoreDirectory, CancellationToken cancellationToken) =>
        await ReadAsync(monitorUrl, knownStoreDirectory, cancellationToken) is { IsFull: true } state ? state.Describe() : null;
}
