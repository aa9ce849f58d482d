namespace Arc.Platform.Technologies.Pulsar;

public sealed partial class PulsarTechnology : IOwnExecutables
{
    public IReadOnlyList<string> ServerExecutables { get; } = ["pulsar"];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExporterExecutables { get; } = new Dictionary<string, IReadOnlyList<string>>();
}
