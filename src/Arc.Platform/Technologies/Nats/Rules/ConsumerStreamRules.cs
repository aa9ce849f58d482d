using Arc.Platform.Consumers;
using Arc.Platform.Registry;
using Arc.Platform.Verify;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Technologies.Nats.Rules;

/// <summary>
/// What the consumer stream rules share: the consumers file loaded, and each stream a consumer provisions
/// paired with its declaration in the streams.yaml of the NATS service the consumer uses (null where that
/// file has none). The service is the NATS service the consumer's settings name, else the first one.
/// </summary>
public abstract class ConsumerStreamRule : ConsumersRule
{
    protected const string ConsumersPath = ConsumersFile.RelativePath;

    protected sealed override IEnumerable<Violation> Check(RepoSnapshot repo, IReadOnlyList<Consumer> consumers)
    {
        var nats = repo.Services.Where(s => s.Tech == NatsTechnology.TechName).ToList();
        if (nats.Count == 0)
            return [];
        var used = consumers.Select(c => (Consumer: c, Service: ServiceOf(c, nats))).ToList();
        var violations = new List<Violation>();
        foreach (var service in nats.Where(s => used.Any(u => u.Service == s)))
        {
            var file = DeclaredFile.Of(service, StreamsOperations.FileName).DisplayPath;
            var streams = repo.Load(file, full => StreamsFile.Load(full, file));
            if (streams.ProblemFor(Id) is { } streamsProblem)
            {
                violations.Add(streamsProblem);
                continue;
            }
            var listLine = ListLine(repo, file);
            var pairs = used.Where(u => u.Service == service)
                .SelectMany(u => u.Consumer.Streams.Select(need => (u.Consumer, need, streams.Value!.FirstOrDefault(s => s.Name == need.Name))));
            violations.AddRange(pairs.SelectMany(p => Check(file, p.Consumer, p.need, p.Item3, listLine)));
        }
        return violations;
    }

    /// <param name="file">The streams.yaml the consumer's streams belong in.</param>
    /// <param name="listLine">The line of its <c>streams:</c>, where a missing stream belongs.</param>
    protected abstract IEnumerable<Violation> Check(string file, Consumer consumer, ConsumerStream need, StreamDeclaration? declared, int listLine);

    /// <summary>The NATS service the consumer's settings name, else the first NATS service of the registry.</summary>
    private static ServiceDefinition ServiceOf(Consumer consumer, IReadOnlyList<ServiceDefinition> nats) =>
        nats.FirstOrDefault(s => consumer.Settings.Any(setting => setting.Service == s.Codename)) ?? nats[0];

    private static int ListLine(RepoSnapshot repo, string file) =>
        repo.Lines(file).Value is { } lines ? Array.FindIndex(lines, l => l.StartsWith("streams:", StringComparison.Ordinal)) + 1 : 1;

    /// <summary>"cortex (services/consumers.yaml:33)": who needs it, and where that is written.</summary>
    protected static string Who(Consumer consumer, ConsumerStream need) => $"{consumer.Name} ({ConsumersPath}:{need.Line})";
}

/// <summary>The streams a consumer provisions are declared in streams.yaml exactly as the consumer declares them.</summary>
public sealed class ConsumerStreamsMatch : ConsumerStreamRule
{
    public override string Id => "consumer-streams-match";
    public override string Description => "every stream a consumer provisions (services/consumers.yaml) is in streams.yaml with the consumer's subjects, retention and max_age";

    protected override IEnumerable<Violation> Check(string file, Consumer consumer, ConsumerStream need, StreamDeclaration? declared, int listLine)
    {
        if (declared is null)
        {
            yield return At(file, listLine, $"stream {need.Name} is not declared, but {Who(consumer, need)} provisions it: `arc up` would not create what {consumer.Name} expects");
            yield break;
        }
        if (!declared.Subjects.Order(StringComparer.Ordinal).SequenceEqual(need.Subjects.Order(StringComparer.Ordinal)))
            yield return At(file, declared.LineOf("subjects"),
                $"{need.Name} subjects [{string.Join(", ", declared.Subjects)}] differ from [{string.Join(", ", need.Subjects)}] of {Who(consumer, need)}: each side's update would undo the other's");
        if (declared.Retention is not { } retention || retention != need.Retention)
            yield return At(file, declared.LineOf("retention"),
                $"{need.Name} retention {Text(declared.Retention)} differs from {Text(need.Retention)} of {Who(consumer, need)}: JetStream cannot change retention on a live stream, so {consumer.Name}'s or arc's provisioning fails");
        if (declared.MaxAge is not { } age || age != need.MaxAge)
            yield return At(file, declared.LineOf("max_age"),
                $"{need.Name} max_age {(declared.MaxAge is { } a ? StreamUnits.Duration(a) : "(unset)")} differs from {StreamUnits.Duration(need.MaxAge)} of {Who(consumer, need)}");
    }

    private static string Text(StreamRetention? retention) => retention?.ToString().ToLowerInvariant() ?? "(unset)";
}

/// <summary>
/// A consumer's stream declares every other setting only at the server's default: the consumer's
/// update sends zero for them, which the server stores as its default, so anything else would be
/// reset at the consumer's next start (and reapplied by arc at the next `up`, and so on).
/// </summary>
public sealed class ConsumerStreamsServerDefaults : ConsumerStreamRule
{
    public override string Id => "consumer-streams-server-defaults";
    public override string Description => "a stream a consumer provisions sets nothing the consumer's update would reset: storage file, discard old, no limits but max_age, default duplicate window, 1 replica, no description";

    protected override IEnumerable<Violation> Check(string file, Consumer consumer, ConsumerStream need, StreamDeclaration? declared, int listLine)
    {
        if (declared is null)
            yield break;
        foreach (var (key, value, expected) in NonDefaults(declared, need))
            yield return At(file, declared.LineOf(key),
                $"{need.Name} {key} {value}: {Who(consumer, need)} leaves it at the server default ({expected}), so its update would reset it; put a budget in the server's JetStream limits instead");
    }

    private static IEnumerable<(string Key, string Value, string Expected)> NonDefaults(StreamDeclaration s, ConsumerStream need)
    {
        if (s.Description is not null)
            yield return ("description", $"'{s.Description}'", "none");
        if (s.Storage is StreamStorage.Memory)
            yield return ("storage", "memory", "file");
        if (s.Discard is StreamDiscard.New)
            yield return ("discard", "new", "old");
        if (s.MaxBytes is { } bytes && ServerDefaults.Limit(bytes) != -1)
            yield return ("max_bytes", StreamUnits.Size(bytes), "-1");
        if (s.MaxMessages is { } count && ServerDefaults.Limit(count) != -1)
            yield return ("max_msgs", count.ToString(), "-1");
        if (s.MaxMessageSize is { } size && ServerDefaults.Limit(size) != -1)
            yield return ("max_msg_size", StreamUnits.Size(size), "-1");
        var window = ServerDefaults.Window(TimeSpan.Zero, need.MaxAge);
        if (s.DuplicateWindow is { } declared && ServerDefaults.Window(declared, need.MaxAge) != window)
            yield return ("duplicate_window", StreamUnits.Duration(declared), StreamUnits.Duration(window));
        if (s.Replicas is { } replicas && ServerDefaults.Replicas(replicas) != 1)
            yield return ("replicas", replicas.ToString(), "1");
    }
}
