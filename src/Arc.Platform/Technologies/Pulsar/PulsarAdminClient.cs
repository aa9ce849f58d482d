using System.Net.Http.Headers;
using System.Text;
using Arc.Platform.Drivers;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>One admin REST answer: its status code and body.</summary>
internal sealed record AdminAnswer(int Status, string Body);

/// <summary>
/// The few Pulsar admin REST calls provisioning makes, each bounded by <see cref="Timeout"/>.
/// A call that gets no answer, or cannot connect, is a <see cref="DriverException"/> naming the
/// method and path; interpreting status codes is the caller's business.
/// </summary>
internal sealed class PulsarAdminClient(string adminUrl, TimeSpan timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public TimeSpan Timeout => timeout;

    public Task<AdminAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>PUT with a JSON body, or none (as Cortex creates namespaces).</summary>
    public Task<AdminAnswer> PutAsync(string path, string? json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, json, cancellationToken);

    private async Task<AdminAnswer> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(method, adminUrl + path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        try
        {
            using var response = await Client.SendAsync(request, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            return new AdminAnswer((int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw new DriverException($"Pulsar admin {method} {path}: no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e)
        {
            throw new DriverException($"Pulsar admin {method} {path}: {Innermost(e).Message}");
        }
    }

    /// <summary>The failure line for an answer the caller did not expect: status and Pulsar's reason.</summary>
    public static DriverException Unexpected(string method, string path, AdminAnswer answer) =>
        new($"Pulsar admin {method} {path}: HTTP {answer.Status}{Reason(answer.Body)}");

    private static string Reason(string body)
    {
        var reason = PulsarJson.Reason(body) ?? body.ReplaceLineEndings(" ").Trim();
        if (reason.Length > 160)
            reason = reason[..160] + "…";
        return reason.Length == 0 ? "" : $" {reason}";
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
