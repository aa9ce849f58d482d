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
/// Reads the monitor port: where JetStream keeps its files, how much it uses of its limit, and (when that directory
/// is on this machine) how much the file system has left. A full disk makes nats-server switch JetStream off, which
/// clients only see as "JetStream not available". <c>/jsz</c> answers from the live JetStream on every request;
/// <c>/varz</c> keeps the JetStream settings of its first request for the server's life, so it is asked too: it
/// still names the store after a full disk switched JetStream off (then <c>/jsz</c> says only "disabled").
/// </summary>
public static class FileStoreCheck
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>The store's state, or null when the monitor does not answer.</summary>
    public static async Task<FileStoreState?> ReadAsync(string monitorUrl, string? knownStoreDirectory, CancellationToken cancellationToken)
    {
        // Asked side by side: a monitor that does not answer costs one request limit, not two.
        var jszRequest = GetAsync($"{monitorUrl}/jsz", cancellationToken);
        var varzRequest = GetAsync($"{monitorUrl}/varz", cancellationToken);
        var (jsz, varz) = (await jszRequest, await varzRequest);
        return jsz is null && varz is null ? null : Parse(varz, jsz, knownStoreDirectory);
    }

    private static async Task<string?> GetAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.GetStringAsync(url, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>From the live answer (<c>/jsz</c>) when JetStream runs, else from the settings <c>/varz</c> kept.</summary>
    internal static FileStoreState? Parse(string? varz, string? jsz, string? knownStoreDirectory)
    {
        try
        {
            if (Live(jsz) is { } live)
                return live with { FreeBytes = FreeBytes(live.StoreDirectory ?? knownStoreDirectory), StoreDirectory = live.StoreDirectory ?? knownStoreDirectory };
            var kept = Kept(varz);
            var directory = kept?.StoreDirectory ?? knownStoreDirectory;
            return new FileStoreState(directory, FreeBytes(directory), kept?.UsedBytes, kept?.MaxBytes, JetStreamEnabled: false);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The running JetStream's store as <c>/jsz</c> reports it, or null when it says JetStream is off.</summary>
    private static FileStoreState? Live(string? jsz)
    {
        if (jsz is null)
            return null;
        using var document = JsonDocument.Parse(jsz);
        var root = document.RootElement;
        if (root.TryGetProperty("disabled", out var disabled) && disabled.ValueKind == JsonValueKind.True
            || !root.TryGetProperty("config", out var config))
            return null;
        return new FileStoreState(StoreDirectory(config), null, Int64(root, "storage"), Int64(config, "max_storage"), JetStreamEnabled: true);
    }

    /// <summary>The JetStream settings <c>/varz</c> kept, or null when it kept none.</summary>
    private static FileStoreState? Kept(string? varz)
    {
        if (varz is null)
            return null;
        using var document = JsonDocument.Parse(varz);
        if (!document.RootElement.TryGetProperty("jetstream", out var jetStream) || !jetStream.TryGetProperty("config", out var config))
            return null;
        var used = jetStream.TryGetProperty("stats", out var stats) ? Int64(stats, "storage") : null;
        return new FileStoreState(StoreDirectory(config), null, used, Int64(config, "max_storage"), JetStreamEnabled: false);
    }

    private static string? StoreDirectory(JsonElement config) =>
        config.TryGetProperty("store_dir", out var dir) && dir.ValueKind == JsonValueKind.String ? dir.GetString() : null;

    private static long? Int64(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;

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
