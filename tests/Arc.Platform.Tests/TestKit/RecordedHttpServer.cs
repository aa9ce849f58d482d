using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Arc.Platform.Tests.TestKit;

/// <summary>A request the server received, as the client sent it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body)
{
    public override string ToString() => Body.Length == 0 ? $"{Method} {Path}" : $"{Method} {Path} {Body}";
}

/// <summary>
/// A tiny HTTP server on 127.0.0.1 answering fixed paths with fixed bodies (recorded or
/// documented responses of a server that cannot run here). A route is keyed by path, or by
/// "METHOD path" where the same path answers differently per method. Unknown routes get 404.
/// Every request is kept in <see cref="Requests"/>, in arrival order.
/// </summary>
public sealed class RecordedHttpServer : IAsyncDisposable
{
    /// <summary>A status that never answers: the request is held until the server is disposed (a hung server).</summary>
    public const int NoAnswer = -1;

    private readonly Dictionary<string, (int Status, string Body)> _routes;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LoopbackHttpListener _listener;

    public RecordedHttpServer(Dictionary<string, (int Status, string Body)> routes)
    {
        _routes = routes;
        _listener = new LoopbackHttpListener(AnswerAsync);
    }

    public int Port => _listener.Port;

    public string Url => _listener.Url;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The text of a file under tests/Arc.Platform.Tests/Technologies/Pulsar/Recorded/.</summary>
    public static string Recorded(string file) =>
        File.ReadAllText(Path.Combine(SampleServices.RepositoryRoot()!, "tests", "Arc.Platform.Tests", "Technologies", "Pulsar", "Recorded", file));

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var method = context.Request.HttpMethod;
        var path = context.Request.Url!.AbsolutePath;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            _requests.Enqueue(new RecordedRequest(method, path, await reader.ReadToEndAsync()));
        var (status, body) = _routes.TryGetValue($"{method} {path}", out var exact) ? exact
            : _routes.TryGetValue(path, out var any) ? any
            : (404, "");
        try
        {
            if (status == NoAnswer)
            {
                await _disposed.Task;
                context.Response.Abort();
                return;
            }
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (a timeout under test) or the listener closed: nothing left to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.TrySetResult();
        await _listener.DisposeAsync();
    }
}
