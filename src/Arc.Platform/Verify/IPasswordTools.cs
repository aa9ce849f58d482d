namespace Arc.Platform.Verify;

/// <summary>
/// A technology's capability: its command-line tools whose <c>-a</c> takes a password (other programs'
/// <c>-a</c> is an address), so `no-secrets` refuses <c>tool -a literal</c> in commands and health checks.
/// </summary>
public interface IPasswordTools
{
    IReadOnlyList<string> DashAPasswordTools { get; }
}
