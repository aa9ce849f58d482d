using System.Buffers;
using Arc.Platform.Bench;
using Arc.Platform.Registry;
using NATS.Client.Core;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// Core request/reply round trips: the path every agent command takes. Each client answers its
/// own requests on a private subject, so one operation is two hops through the server.
/// </summary>
internal sealed class NatsRequestReplyWorkload(ServiceDefinition service) : IBenchWorkload
{
    public string Operation => "request-reply";

    public async Task<IBenchClient> ConnectAsync(int clientIndex, BenchOptions options, CancellationToken cancellationToken)
    {
        var url = $"nats://127.0.0.1:{service.Port("client").Host}";
        var connection = new NatsConnection(NatsOpts.Default with { Url = url, Name = $"arc-bench-{clientIndex}" });
        await connection.ConnectAsync().ConfigureAwait(false);
        var subject = $"_arc.bench.{Guid.NewGuid():N}";
        var responder = await connection.SubscribeCoreAsync<byte[]>(subject, cancellationToken: cancellationToken).ConfigureAwait(false);
        var echo = Task.Run(async () =>
        {
            await foreach (var request in responder.Msgs.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                await request.ReplyAsync(request.Data).ConfigureAwait(false);
        }, CancellationToken.None);
        return new Client(connection, responder, echo, subject, new byte[options.Size]);
    }

    private sealed class Client(NatsConnection connection, INatsSub<byte[]> responder, Task echo, string subject, byte[] payload) : IBenchClient
    {
        public async ValueTask RunOnceAsync(CancellationToken cancellationToken)
        {
            var reply = await connection.RequestAsync<byte[], byte[]>(subject, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
            if ((reply.Data?.Length ?? 0) != payload.Length)
                throw new InvalidOperationException($"request-reply returned {reply.Data?.Length ?? 0} bytes, sent {payload.Length}");
        }

        public async ValueTask DisposeAsync()
        {
            await responder.UnsubscribeAsync().ConfigureAwait(false);
            await echo.ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
