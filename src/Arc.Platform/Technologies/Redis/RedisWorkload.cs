using Arc.Platform.Bench;
using Arc.Platform.Registry;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

public sealed partial class RedisTechnology : IBenchmarkable
{
    public IReadOnlyList<string> BenchOperations => RedisWorkload.Operations;

    public IBenchWorkload Benchmark(ServiceDefinition service, string operation) => new RedisWorkload(service, operation);
}

/// <summary>
/// SET, GET or both alternately of a <c>size</c>-byte value, one key per client, the way
/// redis-benchmark drives a server: <c>clients</c> connections speaking RESP directly (see
/// <see cref="RedisRespClient"/> for why), each with <c>pipeline</c> commands per write. The keys are made before the run with a TTL and written
/// with KEEPTTL, so even a benchmark killed outright leaves nothing behind for long; a normal or
/// interrupted run deletes them at once.
/// </summary>
internal sealed class RedisWorkload(ServiceDefinition service, string operation) : IBenchWorkload
{
    public static readonly IReadOnlyList<string> Operations = ["set", "get", "mixed"];
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromMinutes(10);

    public string Operation { get; } = Operations.Contains(operation) ? operation
        : throw new ArgumentException($"unknown Redis benchmark operation '{operation}'", nameof(operation));

    /// <summary>Unpipelined, every operation waits for its reply: see <see cref="SocketCompletions"/>.</summary>
    public bool PrefersInlineSocketCompletions(BenchOptions options) => options.Pipeline == 1;

    public async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var port = service.Port("client").Host;
        await using var admin = await ConnectAdminAsync(port);
        await RedisWorkloadLimits.CheckAsync(admin, service.Codename, options);
        var run = Guid.NewGuid().ToString("N")[..12];
        var keys = Enumerable.Range(0, options.Clients).Select(i => (RedisKey)$"arc:bench:{run}:{i}").ToArray();
        var value = new byte[options.Size];
        Array.Fill(value, (byte)'x');
        try
        {
            var database = admin.GetDatabase();
            await Task.WhenAll(keys.Select(key => database.StringSetAsync(key, value, KeyLifetime)));
            return await BenchRunner.RunAsync(service.Codename, Operation, options,
                (i, ct) => RedisRespClient.ConnectAsync(port, RedisTechnology.ClientCredential(service), keys[i]!, options.Size, Operation, options.Pipeline, ct),
                cancellationToken);
        }
        finally
        {
            await admin.GetDatabase().KeyDeleteAsync(keys);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAdminAsync(int port)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
            {
                EndPoints = { { ServiceEndpoint.LoopbackHost, port } },
                ClientName = "arc-bench-admin",
                User = RedisTechnology.ClientCredential(service)?.User,
                Password = RedisTechnology.ClientCredential(service)?.Password,
                AbortOnConnectFail = true,
                ConnectRetry = 0,
                AllowAdmin = true,   // CONFIG GET for the limits
            });
        }
        catch (RedisException e)
        {
            throw BenchRunner.Unreachable(service.Codename, e);
        }
    }
}
