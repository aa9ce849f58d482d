namespace Arc.Platform.Verify;

/// <summary>
/// A technology's capability: the conformance rules about its own files and flags (its compose command,
/// Dockerfile user, declared resources). `arc verify` runs them beside the core rules, so the verify engine
/// names no technology.
/// </summary>
public interface IVerifiable
{
    IReadOnlyList<IRule> Rules { get; }
}
