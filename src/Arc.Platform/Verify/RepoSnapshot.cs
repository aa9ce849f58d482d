using Arc.Platform.Compose;
using Arc.Platform.Consumers;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Text;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;

namespace Arc.Platform.Verify;

/// <summary>
/// The repository files as the rules see them. Each file is read at most once and only when a
/// rule asks; a missing or malformed file becomes a <see cref="Loaded{T}"/> problem.
/// </summary>
public sealed class RepoSnapshot(string root, TechnologyCatalog technologies)
{
    public const string OtelCompose = "services/otel/docker-compose.yml";
    public const string CollectorConfigPath = "services/otel/telemetry/config/otel-collector-config.yaml";
    public const string RootMakefile = "Makefile";
    public const string MessagingMk = "services/messaging.mk";
    public const string ImagesWorkflow = ".github/workflows/messaging-images.yml";
    public const string ReleaseWorkflow = ".github/workflows/messaging-release.yml";
    public const string CiWorkflow = ".github/workflows/ci.yml";

    // Keyed by file and view: the same file may be read as compose, as plain YAML and as lines.
    private readonly Dictionary<(string, Type), object> _cache = [];
    private ServiceRegistry? _registry;

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The registry; an invalid one throws <see cref="ConfigException"/>, which callers treat as exit 2.</summary>
    public ServiceRegistry Registry => _registry ??= ServiceRegistry.Load(Root);

    public IReadOnlyList<ServiceDefinition> Services => Registry.Services;

    /// <summary>How clients reach a service, from its technology; null for a tech arc does not know.</summary>
    public ClientConnection? ConnectionOf(ServiceDefinition service) => technologies.Find(service.Tech)?.Connection;

    /// <summary>The executables a service of this technology and its exporter may run, as the technology registers them; null for a tech arc does not know.</summary>
    public IOwnExecutables? ExecutablesOf(ServiceDefinition service) => technologies.Find(service.Tech) as IOwnExecutables;

    /// <summary>Every registered technology with capability <typeparamref name="T"/>, by tech name.</summary>
    public IReadOnlyList<T> TechnologiesWith<T>() where T : class => [.. technologies.Names.Select(technologies.Find).OfType<T>()];

    /// <summary>The catalog the rules were built from (a rule that loads a file needs what the technologies read).</summary>
    public TechnologyCatalog Technologies => technologies;

    public static string RoleDir(ServiceDefinition service) => $"services/{service.Role}";

    public static string ComposePath(ServiceDefinition service) => $"{RoleDir(service)}/docker-compose.yml";

    public static string DockerfilePath(ServiceDefinition service) => $"{RoleDir(service)}/Dockerfile";

    public static string MkPath(ServiceDefinition service) => $"{RoleDir(service)}/{service.Codename}.mk";

    public Loaded<ComposeFile> Compose(ServiceDefinition service) => Compose(ComposePath(service));

    /// <summary>Every compose file the checklist covers: one per service, plus the Friday stack.</summary>
    public IReadOnlyList<Loaded<ComposeFile>> AllCompose => [.. Services.Select(Compose), Compose(OtelCompose)];

    public Loaded<ComposeFile> Compose(string file) => Cached(file, () => ComposeFile.Load(Full(file), file));

    public Loaded<Dockerfile> Dockerfile(ServiceDefinition service) => DockerfileAt(DockerfilePath(service));

    public Loaded<Dockerfile> DockerfileAt(string file) =>
        Cached(file, () => Arc.Platform.Compose.Dockerfile.Parse(ReadText(file)));

    /// <summary>Every Dockerfile a compose file builds (build: context and dockerfile), repository-relative.</summary>
    public IReadOnlyList<string> BuiltDockerfiles =>
        [.. AllCompose.Where(c => c.Value is not null).SelectMany(c => c.Value!.Services.Select(s => BuiltDockerfile(c.Value!, s))).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    private string? BuiltDockerfile(ComposeFile compose, ComposeService service)
    {
        var build = service.Get("build");
        if (build is null)
            return null;
        var context = Yml.Text(build) ?? Yml.Text(Yml.Child(build, "context")) ?? ".";
        var dockerfile = Yml.Text(Yml.Child(build, "dockerfile")) ?? "Dockerfile";
        var composeDir = Path.GetDirectoryName(compose.DisplayPath) ?? "";
        var full = Path.GetFullPath(Path.Combine(Root, composeDir, context, dockerfile));
        return Path.GetRelativePath(Root, full).Replace('\\', '/');
    }

    public Loaded<YamlFile> Yaml(string file) => Cached(file, () =>
    {
        var text = ReadText(file);
        return new YamlFile(YamlDocumentLoader.ParseRoot(text, file), BoundedFile.Lines(text));
    });

    public Loaded<YamlFile> CollectorConfig => Yaml(CollectorConfigPath);

    /// <summary>
    /// <paramref name="file"/> read once by <paramref name="load"/> (given its full path): how a technology's rules read
    /// its own declaration files (a service's streams.yaml, topics.yaml) strictly, as `arc up` reads them.
    /// </summary>
    public Loaded<T> Load<T>(string file, Func<string, T> load) where T : class => Cached(file, () => load(Full(file)));

    /// <summary>services/consumers.yaml: what the platform's services need of this layer.</summary>
    public Loaded<IReadOnlyList<Consumer>> Consumers =>
        Cached(ConsumersFile.RelativePath, () => ConsumersFile.Load(Full(ConsumersFile.RelativePath), technologies.ConsumerSections));

    public Loaded<MakeFile> Make(string file) => Cached(file, () => MakeFile.Parse(ReadText(file)));

    /// <summary>Raw lines, for checks on comments a parser would drop.</summary>
    public Loaded<string[]> Lines(string file) => Cached(file, () => BoundedFile.Lines(ReadText(file)));

    /// <summary>Repository-relative paths (forward slashes) of files matching a glob such as <c>services/*/*.mk</c>.</summary>
    public IReadOnlyList<string> Glob(string pattern) => Globbing.Expand(Root, pattern);

    public bool Exists(string file) => File.Exists(Full(file));

    private string Full(string file) => Path.Combine(Root, file);

    /// <summary>Every file a rule reads goes through the bounded reader: no FIFO, device, huge or non-UTF-8 file gets further.</summary>
    private string ReadText(string file) => BoundedFile.ReadText(Full(file), file);

    private Loaded<T> Cached<T>(string file, Func<T> load) where T : class
    {
        var key = file;
        if (_cache.TryGetValue((key, typeof(T)), out var hit))
            return (Loaded<T>)hit;
        Loaded<T> loaded;
        // Path.Exists, not File.Exists: a directory where a file belongs is refused by the reader, not "not found".
        if (!Path.Exists(Full(file)))
            loaded = Loaded<T>.Failed(file, 1, "file not found");
        else
        {
            try
            {
                loaded = Loaded<T>.Of(file, load());
            }
            catch (ConfigException e)
            {
                loaded = Loaded<T>.Failed(file, e.Line, e.Reason);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                loaded = Loaded<T>.Failed(file, 1, $"cannot read file: {e.Message}");
            }
        }
        _cache[(key, typeof(T))] = loaded;
        return loaded;
    }
}
