using Arc.Platform.Bench;
using Arc.Platform.Registry;
using NATS.Client.Core;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// Core request/reply round trips: the path every agent command takes. Each client answers its
/// own requests on a private subject, so one operation is two hops through the server; a
/// pipeline of N is N requests in flight at once.
/// </summary>
internal sealed class NatsRequestReplyWorkload(ServiceDefinition service) : IBenchWorkload
{
    public string Operation => "request-reply";

    public async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var run = NatsWorkloadConnections.RunId();
        return await BenchRunner.RunAsync(service.Codename, Operation, options, (i, ct) => ConnectAsync(run, i, options, ct), cancellationToken);
    }

    private async Task<IBenchClient> ConnectAsync(string run, int clientIndex, BenchOptions options, CancellationToken cancellationToken)
    {
        var connection = await NatsWorkloadConnections.ConnectAsync(service, $"arc-bench-{clientIndex}", cancellationToken);
        try
        {
            NatsWorkloadConnections.CheckPayload(service, connection, options.Size);
            var subject = $"_arc.bench.{run}.{clientIndex}";
            var responder = await connection.SubscribeCoreAsync<NatsMemoryOwner<byte>>(subject, cancellationToken: cancellationToken);
            var echo = Task.Run(async () =>
            {
                await foreach (var request in responder.Msgs.ReadAllAsync(CancellationToken.None))
                    using (var data = request.Data)
                        await request.ReplyAsync(data.Memory);
            }, CancellationToken.None);
            return new Client(connection, responder, echo, subject, new byte[options.Size]);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Client(NatsConnection connection, INatsSub<NatsMemoryOwner<byte>> responder, Task echo, string subject, byte[] payload) : IBenchClient
    {
        private readonly Task[] _inFlight = new Task[BenchOptions.MaxPipeline];

        public async ValueTask RunAsync(int count, CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
                _inFlight[i] = RequestAsync(cancellationToken);
            for (var i = 0; i < count; i++)
                await _inFlight[i];
        }

        private async Task RequestAsync(CancellationToken cancellationToken)
        {
            var reply = await connection.RequestAsync<byte[], NatsMemoryOwner<byte>>(subject, payload, cancellationToken: cancellationToken);
            using var data = reply.Data;
            if (data.Length != payload.Length)
                throw new InvalidOperationException($"request-reply returned {data.Length} bytes, sent {payload.Length}");
        }

        public async ValueTask DisposeAsync()
        {
            await responder.UnsubscribeAsync();
            await echo;
            await connection.DisposeAsync();
        }
    }
}
