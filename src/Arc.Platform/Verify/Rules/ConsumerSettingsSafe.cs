using Arc.Platform.Connections;
using Arc.Platform.Consumers;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// Every consumer setting is safe to evaluate: no reserved name (PATH, LD_*, ...), no generic name `arc env`
/// prints itself, no name two settings ask with different values (<see cref="SettingNames"/>). A setting naming
/// an unknown service is <see cref="ConsumerSettingsResolve"/>'s to report.
/// </summary>
public sealed class ConsumerSettingsSafe : ConsumersRule
{
    public override string Id => "consumer-settings-safe";
    public override string Description => "no consumer setting (services/consumers.yaml) names a reserved variable (PATH, LD_*, BASH_*, DOTNET_* ...), a generic one `arc env` prints itself, or one another setting asks with a different value";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, IReadOnlyList<Consumer> consumers)
    {
        var generic = ConnectionSettings.GenericNames(repo.Services, repo.ConnectionOf);
        return SettingNames.Problems(consumers, generic).Select(p => At(ConsumersFile.RelativePath, p.Setting.Line, p.Reason));
    }
}
