using System.Text.Json.Nodes;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>
/// A kind of resource a technology's services declare in a file of their own service directory
/// (JetStream streams in services/messaging/streams.yaml, Pulsar topics in services/streaming/topics.yaml):
/// the `arc` verb that manages them, the file name, and the words and columns their listing uses.
/// </summary>
public sealed record DeclaredKind(string Verb, string FileName, string Resources)
{
    /// <summary>The verb's one-line help.</summary>
    public required string Description { get; init; }

    public required string ListDescription { get; init; }

    public required string ApplyDescription { get; init; }

    /// <summary>The property of the JSON document that holds the rows (`{"streams":[...]}`).</summary>
    public required string JsonKey { get; init; }

    /// <summary>The columns of the text listing, one per cell of <see cref="ListedResource.Cells"/>.</summary>
    public required IReadOnlyList<string> Headings { get; init; }
}

/// <summary>A service's own declaration file: where it is, and how messages name it.</summary>
public sealed record DeclaredFile(string Path, string DisplayPath)
{
    /// <summary><paramref name="fileName"/> in the service's own directory (services/&lt;dir&gt;/).</summary>
    public static DeclaredFile Of(ServiceDefinition service, string fileName) => new(
        System.IO.Path.Combine(service.Directory, fileName),
        $"{System.IO.Path.GetDirectoryName(service.File)?.Replace('\\', '/') ?? "."}/{fileName}");

    public bool Exists => File.Exists(Path);

    /// <summary>The file, or the configuration error saying it is not there.</summary>
    public string Require() => Exists ? Path : throw new ConfigException(DisplayPath, 1, 1, "file not found");
}

/// <summary>One declared resource as the server has it: its text cells, its JSON row, and whether it is as declared.</summary>
public sealed record ListedResource(IReadOnlyList<string> Cells, JsonObject Json, bool AsDeclared);

/// <summary>What applying one declared resource did: its line, the drift left (not applied), its JSON row.</summary>
public sealed record AppliedResource(string Line, IReadOnlyList<string> Drift, JsonObject Json);

/// <summary>
/// The capability behind `arc streams` and `arc topics`: list, compare and apply the resources one service
/// declares in its own file. The commands and the core find it through this, never through a technology's name.
/// </summary>
public interface IDeclaredResources
{
    DeclaredKind Kind { get; }

    Task<IReadOnlyList<ListedResource>> ListAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken);

    Task<IReadOnlyList<AppliedResource>> ApplyAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken);
}

/// <summary>JSON rows built by hand, so no reflection is needed (Native AOT).</summary>
public static class JsonRows
{
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
