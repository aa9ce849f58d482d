using Arc.Platform.Bench;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// One benchmark connection. Measured choices (bench/sonic.sh, 2 cores shared with the server):
/// one multiplexer per client, so `--clients 50` is 50 server connections as with redis-benchmark;
/// GET reads into a pooled lease instead of a fresh byte[] per reply.
/// </summary>
internal sealed class RedisBenchClient : IBenchClient
{
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly IDatabase _database;
    private readonly RedisKey _key;
    private readonly byte[] _value;
    private readonly string _operation;
    private readonly Task<bool>?[] _sets = new Task<bool>?[BenchOptions.MaxPipeline];
    private readonly Task<Lease<byte>?>?[] _gets = new Task<Lease<byte>?>?[BenchOptions.MaxPipeline];
    private long _issued;

    private RedisBenchClient(ConnectionMultiplexer multiplexer, RedisKey key, byte[] value, string operation)
    {
        _multiplexer = multiplexer;
        _database = multiplexer.GetDatabase();
        _key = key;
        _value = value;
        _operation = operation;
    }

    public static async Task<IBenchClient> ConnectAsync(int port, int index, RedisKey key, byte[] value, string operation) =>
        new RedisBenchClient(await ConnectionMultiplexer.ConnectAsync(Configuration(port, $"arc-bench-{index}", allowAdmin: false)), key, value, operation);

    public static ConfigurationOptions Configuration(int port, string name, bool allowAdmin) => new()
    {
        EndPoints = { { "127.0.0.1", port } },
        ClientName = name,
        AbortOnConnectFail = true,
        ConnectRetry = 0,
        AllowAdmin = allowAdmin,
        // No configuration-change channel: that would be a second, subscriber connection per client.
        ConfigurationChannel = "",
        SetClientLibrary = false,
    };

    public async ValueTask RunAsync(int count, CancellationToken cancellationToken)
    {
        // SE.Redis's own tasks, issued back to back and awaited in order: the multiplexer coalesces
        // them into one write. An IBatch plus an async wrapper per operation cost ~30 % more client
        // CPU per operation here (2.0–3.4 µs against 1.6–1.9 µs, JIT, pipeline 32).
        for (var i = 0; i < count; i++)
        {
            if (IsSet())
                _sets[i] = _database.StringSetAsync(_key, _value, null, keepTtl: true);
            else
                _gets[i] = _database.StringGetLeaseAsync(_key);
        }
        for (var i = 0; i < count; i++)
        {
            if (_sets[i] is { } set)
            {
                _sets[i] = null;
                if (!await set)
                    throw new InvalidOperationException("SET was refused");
            }
            else
            {
                using var lease = await _gets[i]!;
                _gets[i] = null;
                if (lease is null || lease.Length != _value.Length)
                    throw new InvalidOperationException($"GET returned {lease?.Length.ToString() ?? "nil"} bytes, expected {_value.Length}");
            }
        }
    }

    private bool IsSet() => _operation switch { "set" => true, "get" => false, _ => (_issued++ & 1) == 0 };

    public async ValueTask DisposeAsync() => await _multiplexer.DisposeAsync();
}
