namespace Arc.Platform.Bench;

/// <summary>One benchmark operation of one service: it connects, drives, measures and removes everything it made.</summary>
public interface IBenchWorkload
{
    /// <summary>The operation's name as `--op` spells it, e.g. "set", "request-reply".</summary>
    string Operation { get; }

    /// <summary>
    /// Runs the benchmark. Whatever it created (keys, subjects, streams, topics) is gone when this
    /// returns or throws, cancellation included. A size or client count the server will not take
    /// is refused before any load with a <see cref="BenchLimitException"/> naming the server's limit.
    /// </summary>
    Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// True when this run goes faster with socket completions run inline on the socket engine's
    /// thread (see <see cref="SocketCompletions"/>); the process applies it before its first socket.
    /// </summary>
    bool PrefersInlineSocketCompletions(BenchOptions options) => false;
}

/// <summary>A closed-loop client: one connection issuing a batch of operations and awaiting all of them.</summary>
public interface IBenchClient : IAsyncDisposable
{
    /// <summary>Performs <paramref name="count"/> operations back to back (pipelined when more than one) and fails loudly on a wrong answer.</summary>
    ValueTask RunAsync(int count, CancellationToken cancellationToken);
}

/// <summary>The options ask for more than the server accepts; the message names the server's limit.</summary>
public sealed class BenchLimitException(string message) : Exception(message);

/// <summary>The service is not there to be measured (no live Pulsar here); the command exits 0 and says why.</summary>
public sealed class BenchSkippedException(string reason) : Exception(reason);
