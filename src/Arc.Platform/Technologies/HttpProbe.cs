using System.Diagnostics;
using System.Net;
using Arc.Platform.Health;

namespace Arc.Platform.Technologies;

/// <summary>
/// HTTP GET probes on 127.0.0.1. One shared client: the probe runs in a tight polling loop, and a
/// client per call would open (and leave in TIME_WAIT) a socket per poll.
/// </summary>
public static class HttpProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromMilliseconds(500),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>GETs <paramref name="url"/>; healthy when the status is 200 and <paramref name="accept"/> (if given) accepts the body. Never throws except on cancellation by the caller.</summary>
    public static async Task<ProbeResult> GetAsync(string url, Func<string, bool>? accept, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            using var response = await Client.GetAsync(url, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (response.StatusCode != HttpStatusCode.OK)
                return ProbeResult.Fail(clock.Elapsed, $"GET {url}: HTTP {(int)response.StatusCode} {Shorten(body)}");
            if (accept is not null && !accept(body))
                return ProbeResult.Fail(clock.Elapsed, $"GET {url}: unexpected answer {Shorten(body)}");
            return ProbeResult.Ok(clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return ProbeResult.Fail(clock.Elapsed, $"GET {url}: no answer within {(timeout ?? DefaultTimeout).TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Fail(clock.Elapsed, $"GET {url}: {Innermost(e).Message}");
        }
    }

    /// <summary>GETs a body for a caller that interprets it; null with a reason when the call failed.</summary>
    public static async Task<(string? Body, string Error)> GetBodyAsync(string url, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            using var response = await Client.GetAsync(url, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return response.StatusCode == HttpStatusCode.OK
                ? (body, "")
                : (null, $"GET {url}: HTTP {(int)response.StatusCode} {Shorten(body)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return (null, $"GET {url}: no answer within {(timeout ?? DefaultTimeout).TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e)
        {
            return (null, $"GET {url}: {Innermost(e).Message}");
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static string Shorten(string body)
    {
        var oneLine = body.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 120 ? oneLine : oneLine[..120] + "…";
    }
}
