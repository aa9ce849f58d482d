using System.Diagnostics;
using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>Redis (Sonic). Owns the connections its probes keep open; disposing it closes them.</summary>
public sealed partial class RedisTechnology : ITechnology, IAsyncDisposable
{
    private readonly RedisConnections connections = new();

    public string Tech => "redis";

    /// <summary>PING through StackExchange.Redis; healthy on PONG.</summary>
    public async Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var endpoint = service.HealthEndpoint;
        ConnectionMultiplexer? multiplexer = null;
        try
        {
            (multiplexer, var refused) = await connections.GetAsync(endpoint, cancellationToken).WaitAsync(cancellationToken);
            if (multiplexer is null)
                return ProbeResult.Fail(clock.Elapsed, $"PING on {endpoint}: {refused}");
            var answer = await multiplexer.GetDatabase().ExecuteAsync("PING").WaitAsync(cancellationToken);
            var text = answer.ToString();
            return text == "PONG"
                ? ProbeResult.Ok(clock.Elapsed)
                : ProbeResult.Fail(clock.Elapsed, $"PING on {endpoint} answered '{text}'");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            if (multiplexer is not null)
                connections.Forget(endpoint, multiplexer);
            return ProbeResult.Fail(clock.Elapsed, $"PING on {endpoint}: {FirstLine(e.Message)}");
        }
    }

    public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        RedisDeepProbe.RunAsync(connections, service.HealthEndpoint, cancellationToken);

    public NativeLaunchPlan PlanNativeLaunch(ServiceDefinition service, ComposeService compose, NativeLaunchContext context) =>
        RedisLaunch.Plan(service, compose, context);

    public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) =>
        Task.FromResult(ProvisionReport.None);

    public ValueTask DisposeAsync() => connections.DisposeAsync();

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
