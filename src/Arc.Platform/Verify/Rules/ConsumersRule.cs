using Arc.Platform.Consumers;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// The frame of a rule over services/consumers.yaml: the file loaded once by the snapshot, its problem (unreadable,
/// invalid) reported as this rule's only violation, else the rule's own check of the consumers.
/// </summary>
public abstract class ConsumersRule : Rule
{
    public sealed override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var consumers = repo.Consumers;
        return consumers.ProblemFor(Id) is { } problem ? [problem] : [.. Check(repo, consumers.Value!)];
    }

    protected abstract IEnumerable<Violation> Check(RepoSnapshot repo, IReadOnlyList<Consumer> consumers);
}
