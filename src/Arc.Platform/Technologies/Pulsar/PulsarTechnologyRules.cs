using Arc.Platform.Technologies.Pulsar.Rules;
using Arc.Platform.Verify;

namespace Arc.Platform.Technologies.Pulsar;

public sealed partial class PulsarTechnology : IVerifiable
{
    /// <summary>What `arc verify` checks of this technology's own flags, Dockerfile and files.</summary>
    public IReadOnlyList<IRule> Rules { get; } = [new HealthcheckPulsarPatience(), new PulsarStandaloneFlags(), new PulsarRootDocumented(), new ConsumerPulsarProvisioned()];
}
