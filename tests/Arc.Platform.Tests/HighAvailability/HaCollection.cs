namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// The tests that run whole topologies (up to nine server processes each): one collection, so they run one
/// after another rather than side by side on a two-core machine, each on its own free ports.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HaCollection
{
    public const string Name = "high availability";
}
