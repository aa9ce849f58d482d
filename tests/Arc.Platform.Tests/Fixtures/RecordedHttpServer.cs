using System.Net;
using System.Text;

namespace Arc.Platform.Tests.Fixtures;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 answering fixed paths with fixed bodies (recorded or
/// documented responses of a server that cannot run here). Unknown paths get 404.
/// </summary>
public sealed class RecordedHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (int Status, string Body)> _routes;
    private readonly Task _loop;

    public RecordedHttpServer(Dictionary<string, (int Status, string Body)> routes)
    {
        _routes = routes;
        Port = FreePorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The text of a file under tests/Arc.Platform.Tests/Pulsar/Recorded/.</summary>
    public static string Recorded(string file) =>
        File.ReadAllText(Path.Combine(SampleServices.RepositoryRoot()!, "tests", "Arc.Platform.Tests", "Pulsar", "Recorded", file));

    private async Task ServeAsync()
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
            var (status, body) = _routes.TryGetValue(context.Request.Url!.AbsolutePath, out var route) ? route : (404, "");
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
