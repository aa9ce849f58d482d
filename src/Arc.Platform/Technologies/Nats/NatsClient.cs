using Arc.Platform.Drivers;
using NATS.Client.Core;

namespace Arc.Platform.Technologies.Nats;

/// <summary>Short-lived client connections for provisioning and deep probes: fail fast, never retry in the background.</summary>
internal static class NatsClient
{
    public static NatsConnection Create(string url) => new(NatsOpts.Default with
    {
        Url = url,
        Name = "arc",
        ConnectTimeout = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryOnInitialConnect = false,
        MaxReconnectRetry = 0,
    });

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
            throw new DriverException($"cannot connect to NATS at {url}: {e.Message}");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
