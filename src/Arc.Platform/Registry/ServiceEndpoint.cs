namespace Arc.Platform.Registry;

/// <summary>
/// Where a service is reached: a host and a port. Both drivers publish every port on the loopback
/// address only, so a service's own endpoints are <see cref="LoopbackHost"/> and its host ports.
/// </summary>
public sealed record ServiceEndpoint(string Host, int Port)
{
    /// <summary>The one address arc's servers listen on and are reached at on this machine.</summary>
    public const string LoopbackHost = "127.0.0.1";

    public static ServiceEndpoint Loopback(int port) => new(LoopbackHost, port);

    /// <summary><c>host:port</c>, the form Redis clients and socket tools take.</summary>
    public override string ToString() => $"{Host}:{Port}";

    /// <summary><c>scheme://host:port</c> plus an optional path, e.g. <c>Url("nats")</c> → nats://127.0.0.1:4222.</summary>
    public string Url(string scheme, string path = "") => $"{scheme}://{this}{path}";

    public Uri Uri(string scheme) => new(Url(scheme));
}
