namespace Arc.Platform.Technologies.Nats;

public sealed partial class NatsTechnology : IOwnExecutables
{
    public IReadOnlyList<string> ServerExecutables { get; } = [NatsLaunch.ServerBinary];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExporterExecutables { get; } = new Dictionary<string, IReadOnlyList<string>> { [NatsLaunch.ExporterBinary] = [NatsLaunch.ExporterBinary] };
}
