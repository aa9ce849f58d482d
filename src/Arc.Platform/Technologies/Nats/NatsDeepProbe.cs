using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Health;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// Deep probe: a core request/reply round trip, then a JetStream publish that must be acked. The
/// publish goes to ARC_HEALTH, a small FILE-backed stream of arc's own (messages expire after a
/// minute), so it proves the path data takes (a full or wedged file store fails it, and the answer
/// carries the free space under the store), while declared streams never see probe traffic.
/// </summary>
internal static class NatsDeepProbe
{
    public const string HealthStream = "ARC_HEALTH";
    private const string HealthSubjects = "_arc.health.>";

    /// <param name="monitorUrl">The server's monitor (http://127.0.0.1:8222), read to explain a failed publish; null skips that.</param>
    public static async Task<ProbeResult> RunAsync(string url, CancellationToken cancellationToken, string? monitorUrl = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await using var connection = await NatsClient.ConnectAsync(url, deadline.Token);
            var roundTrip = await RequestReplyAsync(connection, deadline.Token);
            if (roundTrip is not null)
                return ProbeResult.Fail(clock.Elapsed, roundTrip);
            var publish = await JetStreamPublishAsync(connection, deadline.Token);
            return publish is null
                ? ProbeResult.Ok(clock.Elapsed, "request/reply and JetStream publish ok")
                : ProbeResult.Fail(clock.Elapsed, await WithStoreStateAsync(publish, monitorUrl, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is NatsException or DriverException)
        {
            // The caller cancelled while the client was failing for its own reason: cancellation wins.
            throw new OperationCanceledException("deep probe cancelled", e, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return ProbeResult.Fail(clock.Elapsed,
                await WithStoreStateAsync($"no complete round trip with {Secrets.SecretUrl.Redact(url)} within 5 s", monitorUrl, cancellationToken));
        }
        catch (DriverException e)
        {
            return ProbeResult.Fail(clock.Elapsed, e.Message);
        }
        catch (NatsException e)
        {
            return ProbeResult.Fail(clock.Elapsed, $"{Secrets.SecretUrl.Redact(url)}: {e.Message}");
        }
    }

    /// <summary>A failed publish says what the file store looks like: full, or how much room it has.</summary>
    private static async Task<string> WithStoreStateAsync(string failure, string? monitorUrl, CancellationToken cancellationToken)
    {
        if (monitorUrl is null)
            return failure;
        var state = await FileStoreCheck.ReadAsync(monitorUrl, null, cancellationToken);
        return state is null ? failure : state.IsFull ? $"{state.Describe()} ({failure})" : $"{failure} ({state.Describe()})";
    }

    /// <summary>Null when a reply came back with the request's payload, else why not.</summary>
    private static async Task<string?> RequestReplyAsync(NatsConnection connection, CancellationToken cancellationToken)
    {
        var subject = $"_arc.ping.{Guid.NewGuid():N}";
        var payload = Guid.NewGuid().ToByteArray();
        await using var responder = await connection.SubscribeCoreAsync<byte[]>(subject, cancellationToken: cancellationToken);
        var echo = EchoOnceAsync(responder, cancellationToken);
        var reply = await connection.RequestAsync<byte[], byte[]>(subject, payload, cancellationToken: cancellationToken);
        await echo;
        return reply.Data is { } data && data.AsSpan().SequenceEqual(payload)
            ? null
            : $"request/reply on {subject} came back with a different payload";
    }

    private static async Task EchoOnceAsync(INatsSub<byte[]> subscription, CancellationToken cancellationToken)
    {
        var request = await subscription.Msgs.ReadAsync(cancellationToken);
        await request.ReplyAsync(request.Data, cancellationToken: cancellationToken);
    }

    private static async Task<string?> JetStreamPublishAsync(NatsConnection connection, CancellationToken cancellationToken)
    {
        var jetStream = new NatsJSContext(connection);
        try
        {
            await ReplaceMemoryStreamAsync(jetStream, cancellationToken);
            await jetStream.CreateOrUpdateStreamAsync(new StreamConfig(HealthStream, [HealthSubjects])
            {
                Description = "arc health --deep scratch stream; messages expire after a minute",
                Storage = StreamConfigStorage.File,
                MaxAge = TimeSpan.FromMinutes(1),
                MaxMsgs = 1000,
                MaxBytes = 1 << 20,
                Discard = StreamConfigDiscard.Old,
            }, cancellationToken);
            var ack = await jetStream.PublishAsync($"_arc.health.{Guid.NewGuid():N}", new byte[] { 1 }, cancellationToken: cancellationToken);
            ack.EnsureSuccess();
            return ack.Stream == HealthStream ? null : $"JetStream acked into {ack.Stream}, expected {HealthStream}";
        }
        catch (NatsJSApiException e)
        {
            return $"JetStream refused the health publish: {e.Error.Description}";
        }
        catch (NatsJSException e)
        {
            return $"JetStream publish was not acknowledged: {e.Message}";
        }
        catch (NatsNoRespondersException)
        {
            return "JetStream is not enabled on this server (no responders on its API)";
        }
    }

    /// <summary>Earlier versions of arc made ARC_HEALTH a memory stream; a stream's storage cannot change in place.</summary>
    private static async Task ReplaceMemoryStreamAsync(NatsJSContext jetStream, CancellationToken cancellationToken)
    {
        try
        {
            var existing = await jetStream.GetStreamAsync(HealthStream, cancellationToken: cancellationToken);
            if (existing.Info.Config.Storage != StreamConfigStorage.File)
                await jetStream.DeleteStreamAsync(HealthStream, cancellationToken);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            // Not there yet: created below.
        }
    }
}
