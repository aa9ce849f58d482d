namespace Arc.Platform.Bench;

/// <summary>
/// How .NET runs the continuation of a socket operation on Linux: by default each completion hops
/// from the epoll thread to the thread pool. A closed-loop client that waits for every reply pays
/// that hop (and a context switch) per operation, which on 2 cores takes CPU from the server it
/// measures. Run inline, the reply's continuation sends the next request from the epoll thread
/// itself. Measured with `arc bench sonic --op set --clients 50` on this 2-core machine, three
/// rounds against the same server: unpipelined 45–52 k SET/s by default, 68–74 k inline
/// (redis-benchmark 53–60 k); at pipeline 32 inline was no better (0.8–1.2× of default), so only
/// unpipelined runs ask for it.
/// </summary>
public static class SocketCompletions
{
    /// <summary>The runtime's switch; read once, when the process opens its first socket.</summary>
    public const string InlineVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Asks the runtime for inline completions; effective only before the process's first socket.</summary>
    public static void RunInline() => Environment.SetEnvironmentVariable(InlineVariable, "1");
}
