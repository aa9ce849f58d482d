using System.Globalization;
using Arc.Platform.Bench;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// Refuses a value size or client count the server would reject, before any load, naming the
/// server's own limit: proto-max-bulk-len and maxclients from CONFIG GET (maxclients from INFO
/// when CONFIG is renamed away), minus the clients already connected.
/// </summary>
internal static class RedisWorkloadLimits
{
    public static async Task CheckAsync(ConnectionMultiplexer admin, string codename, BenchOptions options)
    {
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var info = (await server.InfoAsync("clients")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var maxBulk = await ConfigAsync(server, "proto-max-bulk-len");
        var maxClients = await ConfigAsync(server, "maxclients") ?? Number(info.GetValueOrDefault("maxclients"));
        var connected = Number(info.GetValueOrDefault("connected_clients")) ?? 0;
        if (maxBulk is { } bulk && options.Size > bulk)
            throw new BenchLimitException(BenchSetting.Size, options.Size, $"exceeds {codename}'s proto-max-bulk-len of {bulk} bytes");
        if (maxClients is { } max && options.Clients + connected > max)
            throw new BenchLimitException(BenchSetting.Clients, options.Clients, $"exceeds what {codename} will take: maxclients {max}, {connected} connected now");
    }

    private static async Task<long?> ConfigAsync(IServer server, string name)
    {
        try
        {
            var pairs = await server.ConfigGetAsync(name);
            return pairs.Length == 1 ? Number(pairs[0].Value) : null;
        }
        catch (RedisServerException)
        {
            return null;   // CONFIG renamed or disabled: the limit is unknown, not violated
        }
    }

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
