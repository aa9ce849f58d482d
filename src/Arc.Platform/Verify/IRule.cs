namespace Arc.Platform.Verify;

/// <summary>One executable item of the plan's reviewer checklist.</summary>
public interface IRule
{
    /// <summary>Stable kebab-case id, printed with every violation.</summary>
    string Id { get; }

    string Description { get; }

    IEnumerable<Violation> Check(RepoSnapshot repo);
}

/// <summary>Shared plumbing so a rule body reads as its checks only.</summary>
public abstract class Rule : IRule
{
    public abstract string Id { get; }
    public abstract string Description { get; }
    public abstract IEnumerable<Violation> Check(RepoSnapshot repo);

    protected Violation At(string file, int line, string message) => new(Id, file, Math.Max(1, line), message);

    protected Violation At<T>(Loaded<T> file, int line, string message) where T : class => At(file.File, line, message);
}
