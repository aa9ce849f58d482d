using System.Diagnostics;
using Arc.Platform.Bench;
using Arc.Platform.Registry;
using NATS.Client.Core;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// The anchor of bench/flash.sh: the server's raw ingest limit. Pre-encoded PUB frames are
/// written to plain sockets as fast as the server takes them — no client library, no per-message
/// work — ending with PING/PONG so every frame counted was processed. With JetStream, each PUB
/// carries a reply inbox into a run-unique file-storage stream and the acks are counted off the
/// socket under the same window as `js-publish`. Hidden behind `arc bench flash --raw`.
/// </summary>
internal sealed class NatsRawWorkload(ServiceDefinition service, bool jetStream) : IBenchWorkload
{
    public string Operation => jetStream ? "raw-js-publish" : "raw-publish";

    public async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var run = NatsWorkloadConnections.RunId();
        await using var admin = await NatsWorkloadConnections.ConnectAsync(service, "arc-bench-admin", cancellationToken);
        NatsWorkloadConnections.CheckPayload(service, admin, options.Size);
        await using var stream = jetStream ? await NatsWorkloadConnections.CreateStreamAsync(admin, run) : null;
        var subject = stream?.Subject ?? $"_arc.bench.{run}.raw";
        var sockets = new List<NatsRawSocket>();
        try
        {
            for (var i = 0; i < options.Clients; i++)
                sockets.Add(await NatsRawSocket.ConnectAsync(service.Port("client").Host, Secrets.SecretUrl.Split(NatsTechnology.ClientUrl(service)).Credential, cancellationToken));
            var budget = new BenchBudget(options);
            var clock = Stopwatch.StartNew();
            var counts = await Task.WhenAll(sockets.Select((socket, i) => jetStream
                ? socket.PublishWithAcksAsync(subject, $"_INBOX.arcraw.{run}.{i}", options.Size, options.Pipeline, budget, cancellationToken)
                : socket.PublishAsync(subject, options.Size, budget, cancellationToken)));
            return BenchResult.From(service.Codename, Operation, options, counts.Sum(), clock.Elapsed.TotalSeconds, latencies: null);
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Dispose();
        }
    }
}
