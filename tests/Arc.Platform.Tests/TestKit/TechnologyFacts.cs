using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// The default technologies, for what they say about themselves (how clients reach them) in
/// verify and env tests. Nothing here probes through them, so they never open a connection and
/// one catalog serves the whole test run.
/// </summary>
public static class TechnologyFacts
{
    public static TechnologyCatalog Catalog { get; } = TechnologyCatalog.CreateDefault();

    /// <summary>How clients reach <paramref name="service"/>, by its tech.</summary>
    public static ClientConnection ConnectionOf(ServiceDefinition service) => Catalog.For(service).Connection;
}
