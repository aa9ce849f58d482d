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

/// <summary>A benchmark setting a server can refuse.</summary>
public enum BenchSetting
{
    /// <summary><see cref="BenchOptions.Size"/>: payload bytes.</summary>
    Size,
    /// <summary><see cref="BenchOptions.Clients"/>: connections.</summary>
    Clients,
}

/// <summary>
/// The options ask for more than the server accepts (a usage error, exit code 2): which setting, the value
/// asked for, and the server's limit ("exceeds flash's max_payload of 1048576 bytes"). The caller names the
/// setting in its own terms.
/// </summary>
public sealed class BenchLimitException(BenchSetting setting, long requested, string limit)
    : ArcException($"{setting} {requested} {limit}")
{
    public override int ExitCode => 2;
    public BenchSetting Setting { get; } = setting;
    public long Requested { get; } = requested;
    public string Limit { get; } = limit;
}

/// <summary>The service answered wrongly or went away mid-run (exit code 1): a failed benchmark, not a bug in arc.</summary>
public sealed class BenchFailedException(string service, string operation, string reason)
    : ArcException($"{service} {operation} failed: {reason}")
{
    public override int ExitCode => 1;
}
