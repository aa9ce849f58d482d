using System.Net;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// An HttpListener on 127.0.0.1 and a free port that hands each request to <c>answer</c> on its own
/// task. Disposing it closes the listener once and waits (at most 5 s) for the answers in flight.
/// The recorded HTTP and WebSocket servers are this plus what they answer.
/// </summary>
public sealed class LoopbackHttpListener : IAsyncDisposable
{
    private static readonly TimeSpan AnswerDrainLimit = TimeSpan.FromSeconds(5);
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly List<Task> _answering = [];
    private readonly Task _loop;

    public LoopbackHttpListener(Func<HttpListenerContext, Task> answer)
    {
        _answer = answer;
        Port = FreePorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            lock (_answering)
                _answering.Add(Task.Run(() => _answer(context)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: on Unix Stop() releases the port and Close() then binds it again to remove the
        // prefix a second time, failing with "address in use" when another socket took it meanwhile.
        _listener.Close();
        await _loop;
        Task[] answering;
        lock (_answering)
            answering = [.. _answering];
        await Task.WhenAny(Task.WhenAll(answering), Task.Delay(AnswerDrainLimit));
    }
}
