namespace Arc.Platform.Bench;

/// <summary>One technology's benchmark operation. Each client gets its own connection so clients never queue behind each other.</summary>
public interface IBenchWorkload
{
    /// <summary>A short name for what one operation is, e.g. "request-reply".</summary>
    string Operation { get; }

    Task<IBenchClient> ConnectAsync(int clientIndex, BenchOptions options, CancellationToken cancellationToken);
}

public interface IBenchClient : IAsyncDisposable
{
    /// <summary>Performs exactly one operation and fails loudly when the service answers wrongly.</summary>
    ValueTask RunOnceAsync(CancellationToken cancellationToken);
}
