using Arc.Platform.Connections;
using Arc.Platform.Consumers;

namespace Arc.Platform.Verify.Rules;

/// <summary>Every setting of consumers.yaml names a service of the registry that has the value it asks for.</summary>
public sealed class ConsumerSettingsResolve : ConsumersRule
{
    public override string Id => "consumer-settings-resolve";
    public override string Description => "every consumer setting (services/consumers.yaml) names a service of the registry that provides its value, so `arc env` can print it";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, IReadOnlyList<Consumer> consumers) =>
        consumers.SelectMany(c => c.Settings.SelectMany(s => Check(repo, c, s)));

    private IEnumerable<Violation> Check(RepoSnapshot repo, Consumer consumer, ConsumerSetting setting)
    {
        var service = repo.Services.FirstOrDefault(s => s.Codename == setting.Service);
        if (service is null)
            yield return At(ConsumersFile.RelativePath, setting.Line,
                $"{consumer.Name}'s {setting.Variable} names service '{setting.Service}', which is no codename of services/*/service.yaml ({string.Join(", ", repo.Services.Select(s => s.Codename))})");
        else if (repo.ConnectionOf(service) is not { } connection)
            yield return At(ConsumersFile.RelativePath, setting.Line,
                $"{consumer.Name}'s {setting.Variable}: arc knows no connection values of tech '{service.Tech}'");
        else if (ServiceEndpoints.Refusal(service, connection, setting.Value) is { } refusal)
            yield return At(ConsumersFile.RelativePath, setting.Line, $"{consumer.Name}'s {setting.Variable}: {refusal}");
    }
}
