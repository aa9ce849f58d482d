namespace Arc.Platform.Connections;

/// <summary>
/// Where a client sits (`arc env --network NAME`), declared by whatever runs services so that clients there reach
/// them: every driver publishes host ports (<see cref="Host"/>), the docker driver adds its compose network, the
/// Kubernetes renderer the cluster. `env`'s words, help, refusal and header read these; the core names none.
/// </summary>
/// <param name="Name">The `--network` word and the JSON's "network" value.</param>
/// <param name="Where">Who sits there, as the refusal lists it ("this machine").</param>
/// <param name="Help">What the values are, as help lists them ("127.0.0.1 and host ports").</param>
/// <param name="Header">The first comment line of shell and dotenv output ("host view (…)").</param>
/// <param name="OnHost">Values are 127.0.0.1 and host ports; otherwise the service's name and its container ports.</param>
public sealed record NetworkView(string Name, string Where, string Help, string Header, bool OnHost)
{
    /// <summary>127.0.0.1 and the published host ports: every driver publishes the same ones.</summary>
    public static NetworkView Host { get; } = new("host", "this machine", "127.0.0.1 and host ports", "host view (127.0.0.1, host ports)", OnHost: true);

    /// <summary>`--network`'s help: "host: 127.0.0.1 and host ports; platform: …".</summary>
    public static string HelpOf(IReadOnlyList<NetworkView> views) => string.Join("; ", views.Select(v => $"{v.Name}: {v.Help}"));

    /// <summary>The refusal of an unknown word: "must be host (this machine), platform (…) or kubernetes (…)".</summary>
    public static string RefusalOf(string word, IReadOnlyList<NetworkView> views)
    {
        var spelled = views.Select(v => $"{v.Name} ({v.Where})").ToList();
        var list = spelled.Count < 2 ? string.Concat(spelled) : $"{string.Join(", ", spelled.Take(spelled.Count - 1))} or {spelled[^1]}";
        return $"--network {word}: must be {list}";
    }
}
