using Arc.Platform.Bench;
using Arc.Platform.Registry;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>SET of a <c>size</c>-byte value with a TTL: one command round trip, the cache's write path. Keys expire on their own.</summary>
internal sealed class RedisSetWorkload(ServiceDefinition service) : IBenchWorkload
{
    public string Operation => "set";

    public async Task<IBenchClient> ConnectAsync(int clientIndex, BenchOptions options, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", service.Port("client").Host } },
            ClientName = $"arc-bench-{clientIndex}",
            AbortOnConnectFail = true,
        };
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        return new Client(multiplexer, $"arc:bench:{Guid.NewGuid():N}", new byte[options.Size]);
    }

    private sealed class Client(ConnectionMultiplexer multiplexer, string key, byte[] value) : IBenchClient
    {
        private readonly IDatabase _database = multiplexer.GetDatabase();

        public async ValueTask RunOnceAsync(CancellationToken cancellationToken)
        {
            if (!await _database.StringSetAsync(key, value, TimeSpan.FromMinutes(1)).ConfigureAwait(false))
                throw new InvalidOperationException("SET was refused");
        }

        public async ValueTask DisposeAsync()
        {
            await _database.KeyDeleteAsync(key).ConfigureAwait(false);
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
