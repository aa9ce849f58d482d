using Arc.Platform.Drivers;
using NATS.Client.Core;

namespace Arc.Platform.Technologies.Nats;

/// <summary>Short-lived client connections for provisioning and deep probes: fail fast, never retry in the background.</summary>
internal static class NatsClient
{
    public static NatsConnection Create(string url) => new(Authenticated(NatsOpts.Default with
    {
        Name = "arc",
        ConnectTimeout = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryOnInitialConnect = false,
        MaxReconnectRetry = 0,
    }, url));

    /// <summary>
    /// <paramref name="options"/> for <paramref name="url"/>: credentials in the URL (arc's own, from
    /// .arc/secrets) move to the client's authentication options, so the URL the client keeps, and
    /// names in its errors, carries none.
    /// </summary>
    public static NatsOpts Authenticated(NatsOpts options, string url)
    {
        var (bare, credential) = Secrets.SecretUrl.Split(url);
        return credential is null
            ? options with { Url = bare }
            : options with { Url = bare, AuthOpts = NatsAuthOpts.Default with { Username = credential.User, Password = credential.Password } };
    }

    /// <summary>A connected client, or a <see cref="DriverException"/> naming the URL.</summary>
    public static async Task<NatsConnection> ConnectAsync(string url, CancellationToken cancellationToken)
    {
        var connection = Create(url);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new DriverException($"cannot connect to NATS at {Secrets.SecretUrl.Redact(url)}: {e.Message}");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
