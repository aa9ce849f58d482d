using System.Diagnostics;
using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>Redis (Sonic).</summary>
public sealed partial class RedisTechnology : ITechnology
{
    public string Tech => "redis";

    /// <summary>PING through StackExchange.Redis; healthy on PONG.</summary>
    public async Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var port = service.HealthPort.Host;
        ConnectionMultiplexer? multiplexer = null;
        try
        {
            multiplexer = await RedisConnections.GetAsync(port, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            var answer = await multiplexer.GetDatabase().ExecuteAsync("PING").WaitAsync(cancellationToken).ConfigureAwait(false);
            var text = answer.ToString();
            return text == "PONG"
                ? ProbeResult.Ok(clock.Elapsed)
                : ProbeResult.Fail(clock.Elapsed, $"PING on 127.0.0.1:{port} answered '{text}'");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            if (multiplexer is not null)
                RedisConnections.Forget(port, multiplexer);
            return ProbeResult.Fail(clock.Elapsed, $"PING on 127.0.0.1:{port}: {FirstLine(e.Message)}");
        }
    }

    public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        RedisDeepProbe.RunAsync(service.HealthPort.Host, cancellationToken);

    public NativeLaunchPlan PlanNativeLaunch(ServiceDefinition service, ComposeService compose, NativeLaunchContext context) =>
        RedisLaunch.Plan(service, compose, context);

    public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) =>
        Task.FromResult(ProvisionReport.None);

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
